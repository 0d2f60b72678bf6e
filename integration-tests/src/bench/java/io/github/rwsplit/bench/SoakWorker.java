package io.github.rwsplit.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * One soak thread: until its deadline, 70 % point reads, 20 % short read-write transactions (two ledger inserts and a
 * read between them, then COMMIT) and 10 % autocommit ledger inserts, each on a connection taken from the data source
 * for that operation, as a request of a web application would. A failed write is an unknown outcome: its key is never
 * tried again.
 */
final class SoakWorker implements Runnable {
    /** Each writer's keys start at its own multiple of this, so no two threads ever insert the same key. */
    private static final long KEY_SPACE = 1_000_000_000_000L;
    /** A bound on the loop besides the deadline; far above what a thread does in the longest soak. */
    private static final long MAX_OPERATIONS = 100_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final DataSource dataSource;
    private final long deadlineNanos;
    private final SplittableRandom random;
    private final WriteLedger ledger;
    private final ErrorTally errors;
    private final LatencyRecorder latencies = new LatencyRecorder();
    private long nextKey;
    private long operations;
    private long cpuNanos;

    SoakWorker(int index, DataSource dataSource, long deadlineNanos, long seed, WriteLedger ledger, ErrorTally errors) {
        this.dataSource = dataSource;
        this.deadlineNanos = deadlineNanos;
        this.random = new SplittableRandom(seed + index);
        this.ledger = ledger;
        this.errors = errors;
        this.nextKey = (index + 1) * KEY_SPACE;
    }

    @Override
    public void run() {
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        while (System.nanoTime() < deadlineNanos && operations < MAX_OPERATIONS) {
            int dice = random.nextInt(100);
            String operation = dice < 70 ? "read" : dice < 90 ? "transaction" : "write";
            long started = System.nanoTime();
            try {
                switch (operation) {
                    case "read" -> read();
                    case "transaction" -> transaction();
                    default -> write();
                }
                latencies.record(System.nanoTime() - started);
            } catch (SQLException | RuntimeException e) {
                errors.record(operation, started, System.nanoTime(), e);
                // An application backs off briefly after a failure instead of spinning on a node that is down.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            operations++;
        }
        cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuBefore;
    }

    LatencyRecorder latencies() {
        return latencies;
    }

    /** Operations attempted, failed ones included. */
    long operations() {
        return operations;
    }

    /** CPU time this thread spent in its loop: the client-side cost of the driver and Connector/J. */
    long cpuNanos() {
        return cpuNanos;
    }

    private void read() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT v FROM soak_read WHERE id = ?")) {
            select.setInt(1, 1 + random.nextInt(SoakRun.ROWS));
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("a seeded row is missing");
                }
            }
        }
    }

    private void transaction() throws SQLException {
        long first = ++nextKey;
        long second = ++nextKey;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(WriteLedger.INSERT);
             PreparedStatement select = connection.prepareStatement("SELECT v FROM soak_read WHERE id = ?")) {
            connection.setAutoCommit(false);
            ledger.attempted(first);
            insert.setLong(1, first);
            insert.executeUpdate();
            select.setInt(1, 1 + random.nextInt(SoakRun.ROWS));
            select.executeQuery().close();
            ledger.attempted(second);
            insert.setLong(1, second);
            insert.executeUpdate();
            connection.commit();
            ledger.acknowledged(first);
            ledger.acknowledged(second);
        }
    }

    private void write() throws SQLException {
        long key = ++nextKey;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(WriteLedger.INSERT)) {
            ledger.attempted(key);
            insert.setLong(1, key);
            if (insert.executeUpdate() == 1) {
                ledger.acknowledged(key);
            }
        }
    }
}
