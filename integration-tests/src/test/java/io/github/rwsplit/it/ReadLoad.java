package io.github.rwsplit.it;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Application threads reading {@code SELECT @@server_id} in a loop, each on its own logical connection, recording
 * every error that reaches them, where each read ran, and the slowest read.
 */
final class ReadLoad implements AutoCloseable {
    private final ReplicationCluster cluster;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final Map<ClusterNode, LongAdder> served = new ConcurrentHashMap<>();
    private final Map<ClusterNode, AtomicLong> lastServedNanos = new ConcurrentHashMap<>();
    private final AtomicLong slowestNanos = new AtomicLong();
    private final LongAdder reads = new LongAdder();
    private volatile boolean running = true;

    ReadLoad(ReplicationCluster cluster, DataSource dataSource, int threadCount) {
        this.cluster = cluster;
        for (int i = 0; i < threadCount; i++) {
            Thread thread = new Thread(() -> readUntilStopped(dataSource), "read-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void readUntilStopped(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (running) {
                long started = System.nanoTime();
                try (ResultSet row = statement.executeQuery("SELECT @@server_id")) {
                    row.next();
                    ClusterNode node = cluster.nodeByServerId(row.getLong(1));
                    long now = System.nanoTime();
                    served.computeIfAbsent(node, n -> new LongAdder()).increment();
                    lastServedNanos.computeIfAbsent(node, n -> new AtomicLong()).set(now);
                    slowestNanos.accumulateAndGet(now - started, Math::max);
                    reads.increment();
                } catch (SQLException | RuntimeException e) {
                    errors.add(e);
                }
            }
        } catch (SQLException | RuntimeException e) {
            errors.add(e);
        }
    }

    List<Throwable> errors() {
        return errors;
    }

    long reads() {
        return reads.sum();
    }

    long served(ClusterNode node) {
        LongAdder count = served.get(node);
        return count == null ? 0 : count.sum();
    }

    /** When {@code node} last served a read (System.nanoTime), or 0 if never. */
    long lastServedNanos(ClusterNode node) {
        AtomicLong last = lastServedNanos.get(node);
        return last == null ? 0 : last.get();
    }

    long slowestMillis() {
        return slowestNanos.get() / 1_000_000;
    }

    void resetSlowest() {
        slowestNanos.set(0);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }
}
