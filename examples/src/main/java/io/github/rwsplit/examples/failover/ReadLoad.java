package io.github.rwsplit.examples.failover;

import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Application threads that read {@code SELECT @@server_id} in a loop, each on its own logical connection, and record
 * which node served each read and every error that reached them.
 */
final class ReadLoad implements AutoCloseable {
    private final ReplicationCluster cluster;
    private final List<Thread> threads = new ArrayList<>();
    private final List<Exception> errors = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> servedBy = new ConcurrentHashMap<>();
    private volatile boolean running = true;

    ReadLoad(ReplicationCluster cluster, DataSource dataSource, int threadCount) {
        this.cluster = cluster;
        for (int i = 1; i <= threadCount; i++) {
            Thread thread = new Thread(() -> readUntilStopped(dataSource), "read-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void readUntilStopped(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            while (running) {
                try (ResultSet row = statement.executeQuery("SELECT @@server_id")) {
                    row.next();
                    String node = cluster.nodeByServerId(row.getLong(1)).name();
                    servedBy.computeIfAbsent(node, name -> new LongAdder()).increment();
                } catch (SQLException e) {
                    errors.add(e);
                }
            }
        } catch (SQLException e) {
            errors.add(e);
        }
    }

    /** Reads served so far, by node name. */
    Map<String, Long> servedSoFar() {
        Map<String, Long> counts = new TreeMap<>();
        servedBy.forEach((node, count) -> counts.put(node, count.sum()));
        return counts;
    }

    /** Stops the threads, waits for their last reads, and returns the errors that reached them. */
    List<Exception> stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join();
        }
        return List.copyOf(errors);
    }

    /** Stops the threads on the way out of a failed walkthrough; {@link #stop()} is the normal end. */
    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
