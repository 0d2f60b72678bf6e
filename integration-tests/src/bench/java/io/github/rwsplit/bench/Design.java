package io.github.rwsplit.bench;

import java.sql.Connection;
import java.sql.SQLException;

/** One way to give an application a primary-replica cluster; the benchmark runs the same workload through each. */
interface Design extends AutoCloseable {
    String name();

    /** A connection for one read, as the application would get it (from its pool, per request). */
    Connection forRead() throws SQLException;

    /** A connection for one read-write transaction. */
    Connection forWrite() throws SQLException;

    @Override
    void close();
}
