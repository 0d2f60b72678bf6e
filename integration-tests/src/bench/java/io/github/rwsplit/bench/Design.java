package io.github.rwsplit.bench;

import java.sql.Connection;
import java.sql.SQLException;

/** One way to give an application a primary-replica cluster; the benchmark runs the same workload through each. */
interface Design extends AutoCloseable {
    String name();

    /** A connection for one read, as the application would get it (from its pool, per request, or the one it holds). */
    Connection forRead() throws SQLException;

    /** A connection for one read-write transaction. */
    Connection forWrite() throws SQLException;

    /** Ends the request's use of a connection from {@link #forRead()} or {@link #forWrite()}. */
    default void release(Connection connection) throws SQLException {
        connection.close();
    }

    @Override
    void close();
}
