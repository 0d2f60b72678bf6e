package io.github.rwsplit.internal.cluster;

import java.sql.SQLException;

/**
 * Where a node's physical sessions come from: its HikariCP pool in production ({@link HikariSource}), in-memory fakes
 * in routing tests. Each session borrowed is handed back exactly once, through {@link #giveBack} or {@link #discard}.
 */
interface ConnectionSource {

    /**
     * A session of {@code node}, waiting at most the source's connection timeout.
     *
     * @throws NodeSaturatedException when every session stays in use for the whole wait while the node is healthy
     * @throws SQLException SQLState 08001 naming the node when it refuses connections or is down
     */
    PhysicalConnection borrow(Node node) throws SQLException;

    /** Returns a borrowed session for reuse. */
    void giveBack(PhysicalConnection connection) throws SQLException;

    /** Closes a session for good, rather than letting anyone inherit its state. */
    void discard(PhysicalConnection connection);

    /** The node went down: borrowers still waiting give up now, and idle sessions, stale by now, are dropped. */
    void nodeDown();

    int activeConnections();

    int idleConnections();

    void close();
}
