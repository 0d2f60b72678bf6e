package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nothing may lose an acknowledged write: writers insert uniquely keyed rows while replicas are killed,
 * frozen and restarted and the primary is killed and restarted. Every insert the application saw acknowledged must be on
 * the primary exactly once, and no key may appear twice: writes and COMMIT are never replayed behind the application's
 * back. The ledger table has no unique key on purpose, so a replayed insert would show as a duplicate.
 */
@WithReplicationCluster
class WriteLedgerIT {
    private static final int WRITERS = 4;

    private final ReplicationCluster cluster;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Long> attempted = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> failureStates = new ConcurrentHashMap<>();

    WriteLedgerIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    @Test
    void acknowledgedWritesSurviveEveryFaultExactlyOnce() throws Exception {
        try (Connection setup = cluster.primary().appConnection(); Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, k BIGINT NOT NULL, INDEX (k))");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("pool.connectionTimeout=2s"))) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                Thread thread = new Thread(() -> write(dataSource, writer, running), "ledger-writer-" + w);
                writers.add(thread);
                thread.start();
            }
            ClusterNode replica1 = cluster.replicas().get(0);
            ClusterNode replica2 = cluster.replicas().get(1);
            for (int round = 0; round < 3; round++) {
                awaitAcknowledgements(50);
                replica1.kill();
                awaitAcknowledgements(50);
                replica2.freeze();
                awaitAcknowledgements(50);
                cluster.primary().kill();
                cluster.primary().restart();
                replica2.thaw();
                replica1.restart();
            }
            awaitAcknowledgements(100);
            running.set(false);
            for (Thread thread : writers) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        Map<Long, Integer> stored = new HashMap<>();
        try (Connection check = cluster.primary().appConnection(); Statement statement = check.createStatement();
             ResultSet rows = statement.executeQuery("SELECT k, COUNT(*) FROM ledger GROUP BY k")) {
            while (rows.next()) {
                stored.put(rows.getLong(1), rows.getInt(2));
            }
        }
        Set<Long> missing = new HashSet<>(acknowledged);
        missing.removeAll(stored.keySet());
        assertEquals(Set.of(), missing, "acknowledged writes lost");
        stored.forEach((key, copies) -> assertEquals(1, copies, "key " + key + " stored " + copies + " times"));
        Set<Long> unexplained = new HashSet<>(stored.keySet());
        unexplained.removeAll(attempted);
        assertEquals(Set.of(), unexplained, "rows no writer attempted");
        assertTrue(acknowledged.size() > 500, "too few writes to mean anything: " + acknowledged.size());
        assertTrue(failureStates.keySet().stream().allMatch(state -> state.startsWith("08")),
                "failures other than connection errors: " + failureStates);
    }

    /** Autocommit inserts and two-row transactions; a failure is an unknown outcome, never retried with the same key. */
    private void write(RwSplitDataSource dataSource, int writer, AtomicBoolean running) {
        long next = writer * 1_000_000_000L;
        while (running.get()) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO ledger (k) VALUES (?)")) {
                while (running.get()) {
                    long key = ++next;
                    attempted.add(key);
                    if (key % 5 == 0) {
                        attempted.add(key + 1);
                        connection.setAutoCommit(false);
                        insert.setLong(1, key);
                        insert.executeUpdate();
                        insert.setLong(1, ++next);
                        insert.executeUpdate();
                        connection.commit();
                        connection.setAutoCommit(true);
                        acknowledged.add(key);
                        acknowledged.add(key + 1);
                    } else {
                        insert.setLong(1, key);
                        if (insert.executeUpdate() == 1) {
                            acknowledged.add(key);
                        }
                    }
                }
            } catch (SQLException e) {
                failureStates.merge(String.valueOf(e.getSQLState()), 1, Integer::sum);
                // Writers back off briefly after a failure, as an application would, instead of spinning on a down primary.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
    }

    private void awaitAcknowledgements(int more) {
        int target = acknowledged.size() + more;
        io.github.rwsplit.testcluster.Poll.until(more + " more acknowledged writes", java.time.Duration.ofSeconds(60),
                () -> acknowledged.size() >= target);
    }
}
