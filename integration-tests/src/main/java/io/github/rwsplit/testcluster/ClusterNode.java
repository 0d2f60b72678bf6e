package io.github.rwsplit.testcluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * One server of a {@link ReplicationCluster}, with the faults a test can inflict on it.
 *
 * <p>Fault helpers return once the fault is in effect. Each logs what it did at INFO, so a test
 * log reads as the story of the run.
 */
public interface ClusterNode {

    /** {@code primary}, {@code replica1}, {@code replica2}, ... */
    String name();

    String host();

    int port();

    long serverId();

    /** Whether this node was configured as a replica (a promotion does not change it). */
    boolean isReplica();

    /**
     * A plain Connector/J URL of this node and the test schema, without credentials. Connections to a
     * frozen server wait for its greeting until their {@code socketTimeout}, forever by default.
     */
    String jdbcUrl();

    /**
     * A connection as the administrator (root), to the test schema. Setup and faults only.
     * Like {@link #appConnection()}, it gives up on a read after 60 s ({@code setNetworkTimeout} changes
     * that), so a frozen server fails a test instead of hanging it.
     */
    Connection adminConnection() throws SQLException;

    /** A connection as the application user, to the test schema; reads time out after 60 s. */
    Connection appConnection() throws SQLException;

    /** SIGKILL (or its container equivalent); returns when the server process is gone. */
    void kill();

    /**
     * Starts the server again on the same data and port; returns when it accepts connections.
     * A replica resumes replicating by itself.
     *
     * @throws IllegalStateException if it is running
     */
    void restart();

    /** SIGSTOP: connections stay open and new ones are accepted by the kernel, but nothing answers. */
    void freeze();

    /** SIGCONT: undoes {@link #freeze()}. */
    void thaw();

    /** Whether the server process exists; a frozen server is running. */
    boolean isRunning();

    boolean isFrozen();

    /** Stops the replication applier: events still arrive, none are applied. */
    void stopReplicaSqlThread();

    void startReplicaSqlThread();

    /** Makes the applier hold each event back until it is {@code seconds} old; 0 removes the delay. */
    void setReplicationDelay(int seconds);

    /** {@code SET GLOBAL read_only}: refuses writes from users without a read-only bypass. */
    void setReadOnly(boolean readOnly);

    /** The GTID position of this server's binary log: what a replica of it has to apply. */
    String gtidPosition();

    /**
     * Blocks, on the server, until this replica has applied {@code position}.
     *
     * @return {@code false} if the timeout passed first
     */
    boolean awaitGtidPosition(String position, Duration timeout);

    /** Stops replication, forgets its source and turns {@code read_only} off: this node is a primary now. */
    void promote();

    /**
     * Points this node at {@code source} by GTID and turns {@code read_only} on. A node that replicated
     * before continues from what it applied; a former primary continues from its own binary log.
     */
    void replicateFrom(ClusterNode source);
}
