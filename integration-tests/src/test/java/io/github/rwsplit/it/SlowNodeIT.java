package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A node that is slow but alive is not a dead node: stalls shorter than the socket timeout, a lock on the heartbeat
 * table and an exhausted pool fail nothing and never make the primary "down". Bounds are generous; they assert
 * behaviour, not speed.
 */
@WithReplicationCluster
class SlowNodeIT {
    private static final Duration STALL = Duration.ofMillis(1_500);

    private final ReplicationCluster cluster;

    SlowNodeIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTables() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS acked (k BIGINT NOT NULL, INDEX (k))");
            statement.execute("CREATE TABLE IF NOT EXISTS other (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        }
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    private RwSplitDataSource dataSource(String... options) {
        return new RwSplitDataSource(cluster.rwsplitUrl(options));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"socketTimeout=0", "socketTimeout=4000"})
    void primaryStalledTwiceFor1500ms_transactionsSucceedWithoutErrors_everyCommitIsStored_andItIsNeverDown(
            String socketTimeout) throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> writers = new ArrayList<>();
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s", socketTimeout);
             StateWatch states = new StateWatch(dataSource)) {
            for (int w = 0; w < 3; w++) {
                long first = (w + 1) * 1_000_000L;
                Thread thread = new Thread(() -> commitUntilStopped(dataSource, first, running, acknowledged, errors),
                        "stall-writer-" + w);
                thread.setDaemon(true);
                writers.add(thread);
                thread.start();
            }
            // Two stalls a second apart, so that one of them overlaps a health check whatever the monitor's phase.
            for (int stall = 0; stall < 2; stall++) {
                awaitMore(acknowledged, 30, errors);
                cluster.primary().freeze();
                TimeUnit.MILLISECONDS.sleep(STALL.toMillis());
                cluster.primary().thaw();
                TimeUnit.SECONDS.sleep(1);
            }
            awaitMore(acknowledged, 30, errors);
            // Two more monitor rounds after the thaw: a verdict reached late about the stall must show too.
            TimeUnit.SECONDS.sleep(2);
            running.set(false);
            for (Thread thread : writers) {
                thread.join(30_000);
                assertFalse(thread.isAlive(), thread.getName() + " is stuck");
            }
            states.close();
            assertEquals(List.of(), errors, "errors reached the application");
            assertFalse(states.statesOf(cluster.primary()).contains("down"),
                    "the stalled primary was called down: " + states.all());
        }
        Set<Long> stored = new HashSet<>();
        try (Connection check = cluster.primary().appConnection(); Statement statement = check.createStatement();
             ResultSet rows = statement.executeQuery("SELECT k FROM acked")) {
            while (rows.next()) {
                stored.add(rows.getLong(1));
            }
        }
        Set<Long> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged commits missing");
    }

    /** INSERT + COMMIT with autocommit off, one row each, until stopped; the first error ends the thread. */
    private static void commitUntilStopped(RwSplitDataSource dataSource, long first, AtomicBoolean running,
            Set<Long> acknowledged, List<Throwable> errors) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO acked (k) VALUES (?)")) {
            connection.setAutoCommit(false);
            for (long key = first; running.get(); key++) {
                insert.setLong(1, key);
                insert.executeUpdate();
                connection.commit();
                acknowledged.add(key);
            }
        } catch (SQLException | RuntimeException e) {
            errors.add(e);
        }
    }

    /** Waits for {@code more} commits; a writer's error fails the test at once, naming the error. */
    private static void awaitMore(Set<Long> acknowledged, int more, List<Throwable> errors) {
        int target = acknowledged.size() + more;
        Poll.until(more + " more acknowledged commits", Duration.ofSeconds(30),
                () -> acknowledged.size() >= target || !errors.isEmpty());
        assertEquals(List.of(), errors, "errors reached the application");
    }

    @Test
    void replicaStalled1500msDuringReadLoad_readsGoOnWithoutErrors_andItServesAgainAfterwards() throws Exception {
        ClusterNode victim = cluster.replicas().get(0);
        ClusterNode survivor = cluster.replicas().get(1);
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s");
             ReadLoad load = new ReadLoad(cluster, dataSource, 4)) {
            Poll.until("both replicas serve reads", Duration.ofSeconds(10),
                    () -> load.served(victim) > 0 && load.served(survivor) > 0);
            load.resetSlowest();
            victim.freeze();
            TimeUnit.MILLISECONDS.sleep(STALL.toMillis());
            victim.thaw();
            long thawedAt = System.nanoTime();
            Poll.until("the stalled replica serves reads again", Duration.ofSeconds(15),
                    () -> load.lastServedNanos(victim) > thawedAt);
            long readsAfterThaw = load.reads();
            Poll.until("reads go on", Duration.ofSeconds(10), () -> load.reads() > readsAfterThaw + 100);
            load.close();
            assertEquals(List.of(), load.errors(), "errors reached the application");
            assertTrue(load.slowestMillis() < 5_000, "a read blocked for " + load.slowestMillis() + " ms");
        }
    }

    @Test
    void heartbeatTableLockedOnThePrimaryFor3s_writesToOtherTablesGoOn_andThePrimaryIsNeverDown() throws Exception {
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s", "lagSource=heartbeat",
                "heartbeatTable=rwsplit_heartbeat");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO other (v) VALUES (0)");
            Poll.until("the monitor has created the heartbeat table", Duration.ofSeconds(15),
                    () -> heartbeatTableExists());
            try (StateWatch states = new StateWatch(dataSource);
                 Connection admin = cluster.primary().adminConnection(); Statement lock = admin.createStatement()) {
                lock.execute("LOCK TABLES rwsplit_heartbeat WRITE");
                long lockedUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                int writes = 0;
                try {
                    for (int v = 1; System.nanoTime() < lockedUntil && v < 100_000; v++) {
                        assertEquals(1, statement.executeUpdate("INSERT INTO other (v) VALUES (" + v + ")"));
                        writes++;
                        TimeUnit.MILLISECONDS.sleep(10);
                    }
                } finally {
                    lock.execute("UNLOCK TABLES");
                }
                assertTrue(writes > 20, "only " + writes + " writes while the heartbeat table was locked");
                // The monitor's blocked heartbeat write finishes now; give a late verdict two rounds to show.
                TimeUnit.SECONDS.sleep(2);
                statement.executeUpdate("INSERT INTO other (v) VALUES (-1)");
                states.close();
                assertFalse(states.statesOf(cluster.primary()).contains("down"),
                        "a lock on the heartbeat table made the primary down: " + states.all());
            }
        }
    }

    private boolean heartbeatTableExists() {
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'rwsplit_heartbeat'")) {
            row.next();
            return row.getInt(1) == 1;
        } catch (SQLException e) {
            return false;
        }
    }

    @Test
    void primaryPoolExhausted_aThirdWriteFailsTransientlyAfterTheConnectionTimeout_andThePoolIsKept()
            throws Exception {
        ExecutorService holders = Executors.newFixedThreadPool(2);
        try (RwSplitDataSource dataSource = dataSource("pool.maximumPoolSize=2", "pool.connectionTimeout=1s",
                "readFromPrimary=never", "monitorInterval=1s");
             StateWatch states = new StateWatch(dataSource)) {
            List<Future<Long>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(holders.submit(() -> holdThePrimary(dataSource)));
            }
            Poll.until("both primary connections sleep in a transaction", Duration.ofSeconds(10),
                    () -> sleeping("hold-the-primary") == 2);
            long connectionsBefore = ServerSessions.status(cluster.primary(), "Connections");

            long started = System.nanoTime();
            SQLException refused;
            try (Connection third = dataSource.getConnection(); Statement statement = third.createStatement()) {
                refused = assertThrows(SQLException.class, () -> statement.executeUpdate("INSERT INTO other (v) VALUES (3)"));
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertInstanceOf(SQLTransientConnectionException.class, refused, describe(refused));
            assertFalse(refused.getSQLState() != null && refused.getSQLState().startsWith("08"),
                    "a busy pool is not a connection failure: " + describe(refused));
            assertTrue(tookMillis >= 900 && tookMillis < 3_000, "the borrow failed after " + tookMillis + " ms");
            assertEquals("up", dataSource.getClusterStats().primary().state());

            Set<Long> holderSessions = new HashSet<>();
            for (Future<Long> holder : held) {
                holderSessions.add(holder.get(30, TimeUnit.SECONDS));
            }
            long afterStarted = System.nanoTime();
            Set<Long> laterSessions = new HashSet<>();
            try (Connection later = dataSource.getConnection(); Statement statement = later.createStatement()) {
                assertEquals(1, statement.executeUpdate("INSERT INTO other (v) VALUES (4)"));
                later.setAutoCommit(false);
                try (ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                    id.next();
                    laterSessions.add(id.getLong(1));
                }
                later.commit();
            }
            long afterMillis = (System.nanoTime() - afterStarted) / 1_000_000;
            assertTrue(afterMillis < 1_000, "writes after the holders finished took " + afterMillis + " ms");
            assertTrue(holderSessions.containsAll(laterSessions),
                    "the pool was flushed: sessions " + laterSessions + " are not the pool's " + holderSessions);
            long connectionsAfter = ServerSessions.status(cluster.primary(), "Connections");
            // One of the difference is the connection that read the counter the second time.
            assertTrue(connectionsAfter - connectionsBefore <= 2,
                    (connectionsAfter - connectionsBefore) + " new connections to the primary: its pool was refilled");
            states.close();
            assertEquals(Set.of("up"), states.statesOf(cluster.primary()), "the saturated primary: " + states.all());
        } finally {
            holders.shutdownNow();
        }
    }

    /** Holds a primary connection for 3 s inside a transaction; returns its server session id. */
    private static long holdThePrimary(RwSplitDataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            long session;
            try (ResultSet id = statement.executeQuery("SELECT CONNECTION_ID()")) {
                id.next();
                session = id.getLong(1);
            }
            statement.execute("DO SLEEP(3), 'hold-the-primary'");
            connection.commit();
            return session;
        }
    }

    private int sleeping(String marker) {
        try {
            return ServerSessions.running(cluster.primary(), marker);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static String describe(SQLException e) {
        return e.getClass().getName() + " [" + e.getSQLState() + "] " + e.getMessage();
    }
}
