package io.github.rwsplit.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The floor for reads placed one statement at a time: every thread holds one Connector/J connection to each replica,
 * and each read takes the next replica from one counter shared by all threads, as round robin over a cluster does. No
 * driver code runs around the statement; what this costs over one held connection is the price of spreading each
 * thread's statements over several server processes.
 */
final class RoundRobinHeldConnections implements Design {
    /** One per replica: each holds a connection per thread to its replica, and one to the primary for writes. */
    private final List<HeldConnections> replicas;
    private final AtomicInteger next = new AtomicInteger();

    RoundRobinHeldConnections(List<HeldConnections> replicas) {
        this.replicas = replicas;
    }

    @Override
    public String name() {
        return "direct, each read to the next replica (one Connector/J connection per replica per thread)";
    }

    @Override
    public Connection forRead() throws SQLException {
        return replicas.get(Math.floorMod(next.getAndIncrement(), replicas.size())).forRead();
    }

    @Override
    public Connection forWrite() throws SQLException {
        return replicas.get(0).forWrite();
    }

    @Override
    public void release(Connection connection) {
        // Held for the thread's next request.
    }

    @Override
    public void close() {
        replicas.forEach(HeldConnections::close);
    }
}
