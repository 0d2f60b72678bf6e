package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A node's sessions from its HikariCP pool. Borrowers wait for a free connection in a {@link BorrowGate} (one wait for
 * the whole timeout, woken when the node goes down) and then take it from the pool, which by then has one or may open
 * one. Only opening can keep them there, so the pool is asked in short slices: when its attempts to connect fail (the
 * server refuses connections) or the node goes down, the borrower learns it within a slice. Running out of time in the
 * gate is saturation (every connection busy); running out of time while the pool opens one is not, since nothing was
 * busy: the server did not accept a connection in time.
 */
final class HikariSource implements ConnectionSource {
    /** How often a borrower waiting for the pool to open a connection looks again at why it is waiting. */
    private static final long OPEN_SLICE_MILLIS = 250;

    private final HikariDataSource pool;
    private final HikariPoolAccess hikari;
    private final boolean gtidsInOkPackets;
    private final BorrowGate gate;
    private volatile BooleanSupplier nodeDown;
    private final LongSupplier lastConnectFailureNanos;

    /** @param lastConnectFailureNanos when the pool's last attempt to connect failed (System.nanoTime), 0 if never */
    HikariSource(HikariDataSource pool, boolean gtidsInOkPackets, LongSupplier lastConnectFailureNanos) {
        this.pool = pool;
        this.lastConnectFailureNanos = lastConnectFailureNanos;
        this.hikari = new HikariPoolAccess(pool);
        this.gtidsInOkPackets = gtidsInOkPackets;
        this.gate = new BorrowGate(pool.getMaximumPoolSize());
    }

    @Override
    public PhysicalConnection borrow(Node node) throws SQLException {
        long timeoutMillis = pool.getConnectionTimeout();
        long deadline = BorrowGate.deadlineAfter(timeoutMillis);
        boolean admitted;
        try {
            admitted = gate.enter(deadline, nodeDown(node));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("rwsplit: interrupted while waiting for a connection to " + node,
                    "08001", e);
        }
        if (!admitted) {
            if (node.isDown()) {
                throw unreachable(node, null, false);
            }
            throw saturated(node, timeoutMillis);
        }
        try {
            Connection pooled = open(node, deadline, timeoutMillis);
            return new ConnectorSession(node, pooled, pooled.unwrap(JdbcConnection.class), gtidsInOkPackets);
        } catch (SQLException | RuntimeException e) {
            gate.leave();
            throw e;
        }
    }

    /** The gate's reason to stop waiting, made once: a borrow allocates as little as it can. */
    private BooleanSupplier nodeDown(Node node) {
        BooleanSupplier known = nodeDown;
        if (known == null) {
            known = node::isDown;
            nodeDown = known;
        }
        return known;
    }

    private Connection open(Node node, long deadline, long timeoutMillis) throws SQLException {
        while (true) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                return hikari.getConnection(Math.max(1, Math.min(OPEN_SLICE_MILLIS, remaining)));
            } catch (SQLException e) {
                boolean refused = e.getCause() instanceof SQLException cause
                        && ConnectionFailures.isConnectionFailure(cause) && failedSinceLastAnswer(node);
                if (refused || node.isDown()) {
                    throw unreachable(node, e, refused);
                }
                if (remaining <= OPEN_SLICE_MILLIS) {
                    // The pool had room: no connection was busy, opening one took the whole timeout.
                    throw new SQLTransientConnectionException("rwsplit: cannot get a connection to " + node
                            + ": opening one took longer than pool.connectionTimeout (" + timeoutMillis + " ms)",
                            "08001", e);
                }
            }
        }
    }

    /**
     * Whether the pool's failure to connect is news. HikariCP reports its last failure until an attempt succeeds, and
     * after a node restarts it tries again only after a back-off; a failure older than the node's last answer to the
     * monitor says nothing about the node now, and the borrower waits for the pool's next attempt instead.
     */
    private boolean failedSinceLastAnswer(Node node) {
        long answered = node.lastAnsweredNanos();
        return answered == 0 || lastConnectFailureNanos.getAsLong() - answered > 0;
    }

    private static SQLException unreachable(Node node, SQLException failure, boolean refused) {
        Throwable why = failure == null ? null : failure.getCause() != null ? failure.getCause() : failure;
        String down = node.isDown() && !refused ? "it is " + node.health() : "";
        String detail = why == null ? down : down.isEmpty() ? why.getMessage() : down + "; " + why.getMessage();
        return new SQLTransientConnectionException("rwsplit: cannot get a connection to " + node + ": " + detail,
                "08001", failure);
    }

    /**
     * Every connection stayed busy for the whole wait. HikariCP never timed out (the wait happened in the gate), so
     * there is no HikariCP exception to chain; the message carries the figures HikariCP's own would.
     */
    private NodeSaturatedException saturated(Node node, long timeoutMillis) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        return new NodeSaturatedException(node, "rwsplit: every connection to " + node + " stayed in use for "
                + "pool.connectionTimeout (" + timeoutMillis + " ms): active=" + bean.getActiveConnections() + ", idle="
                + bean.getIdleConnections() + ", waiting=" + (gate.waiting() + bean.getThreadsAwaitingConnection())
                + "; the node is not down: its pool is too small for the load (pool.maximumPoolSize) or connections"
                + " are held too long", null);
    }

    @Override
    public void giveBack(PhysicalConnection connection) throws SQLException {
        try {
            connection.connection().close();
        } finally {
            gate.leave();
        }
    }

    @Override
    public void discard(PhysicalConnection connection) {
        try {
            pool.evictConnection(connection.connection());
        } finally {
            gate.leave();
        }
    }

    @Override
    public void nodeDown() {
        gate.wakeAll();
        hikari.softEvictConnections();
    }

    @Override
    public int activeConnections() {
        return hikari.getActiveConnections();
    }

    @Override
    public int idleConnections() {
        return hikari.getIdleConnections();
    }

    @Override
    public void close() {
        pool.close();
        gate.wakeAll();
    }
}
