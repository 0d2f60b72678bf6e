package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The failure table of docs/routing.md with real faults: killed, frozen and absent nodes. Time bounds are generous; they assert behaviour. */
@WithReplicationCluster
class FailoverIT {
    private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

    private final ReplicationCluster cluster;

    FailoverIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    private RwSplitDataSource dataSource(String... options) {
        return new RwSplitDataSource(cluster.rwsplitUrl(options));
    }

    private static NodeStats stats(RwSplitDataSource dataSource, ClusterNode node) {
        return dataSource.getClusterStats().node(node.host() + ":" + node.port());
    }

    @Test
    void replicaKilledUnderLoad_readsContinueWithoutErrors_andItRejoinsAfterRestart() throws Exception {
        ClusterNode victim = cluster.replicas().get(0);
        ClusterNode survivor = cluster.replicas().get(1);
        try (RwSplitDataSource dataSource = dataSource(); ReadLoad load = new ReadLoad(cluster, dataSource, 4)) {
            Poll.until("both replicas serve reads", Duration.ofSeconds(10),
                    () -> load.served(victim) > 0 && load.served(survivor) > 0);
            victim.kill();
            long killedAt = System.nanoTime();
            Poll.until("reads continue on the survivor", Duration.ofSeconds(10),
                    () -> load.lastServedNanos(survivor) > killedAt + Duration.ofSeconds(1).toNanos());
            assertEquals("down", stats(dataSource, victim).state());
            victim.restart();
            long restartedAt = System.nanoTime();
            Poll.until("the restarted replica serves reads again", Duration.ofSeconds(30),
                    () -> load.lastServedNanos(victim) > restartedAt);
            long rejoinMillis = (load.lastServedNanos(victim) - restartedAt) / 1_000_000;
            assertTrue(rejoinMillis <= 3 * MONITOR_INTERVAL.toMillis() + 500,
                    "rejoined after " + rejoinMillis + " ms");
            load.close();
            assertEquals(java.util.List.of(), load.errors(), "errors reached the application");
            assertTrue(stats(dataSource, victim).retries() > 0 || stats(dataSource, victim).errors() > 0);
        }
    }

    @Test
    void replicaFrozen_readsContinueWithoutErrors_noThreadBlocksForLong_andItLeavesRotationWithin3s()
            throws Exception {
        ClusterNode victim = cluster.replicas().get(0);
        ClusterNode survivor = cluster.replicas().get(1);
        try (RwSplitDataSource dataSource = dataSource(); ReadLoad load = new ReadLoad(cluster, dataSource, 4)) {
            Poll.until("both replicas serve reads", Duration.ofSeconds(10),
                    () -> load.served(victim) > 0 && load.served(survivor) > 0);
            load.resetSlowest();
            victim.freeze();
            long frozenAt = System.nanoTime();
            // One missed check makes it suspect (out of rotation); down follows only after downAfter.
            Poll.until("the frozen replica is out of rotation", Duration.ofSeconds(10),
                    () -> !stats(dataSource, victim).state().equals("up"));
            long detectedMillis = (System.nanoTime() - frozenAt) / 1_000_000;
            assertTrue(detectedMillis <= 3_000, "out of rotation after " + detectedMillis + " ms");
            long before = load.served(survivor);
            Poll.until("reads continue on the survivor", Duration.ofSeconds(10), () -> load.served(survivor) > before + 100);
            victim.thaw();
            long thawedAt = System.nanoTime();
            Poll.until("the thawed replica serves reads again", Duration.ofSeconds(30),
                    () -> load.lastServedNanos(victim) > thawedAt);
            load.close();
            assertEquals(java.util.List.of(), load.errors(), "errors reached the application");
            assertTrue(load.slowestMillis() < 5_000, "a read blocked for " + load.slowestMillis() + " ms");
        }
    }

    @Test
    void allReplicasDown_withFallbackReadsGoToThePrimaryAndThatIsLoggedOnce() throws Exception {
        try (RwSplitDataSource dataSource = dataSource(); LogCapture log = LogCapture.rwsplit();
             Connection connection = dataSource.getConnection()) {
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            for (ClusterNode replica : cluster.replicas()) {
                replica.kill();
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection));
            }
            Poll.until("the monitor has seen both replicas down", Duration.ofSeconds(10),
                    () -> dataSource.getClusterStats().replicas().stream().allMatch(r -> r.state().equals("down")));
            assertEquals(1, log.count("WARN", "no replica is usable; reads go to the primary"));
            assertTrue(stats(dataSource, cluster.primary()).fallbacks(io.github.rwsplit.metrics.FallbackReason.NO_REPLICA) >= 19);
        }
    }

    @Test
    void allReplicasDown_withNeverReadsFailWith08001NamingEachReplica() throws Exception {
        try (RwSplitDataSource dataSource = dataSource("readFromPrimary=never");
             Connection connection = dataSource.getConnection()) {
            for (ClusterNode replica : cluster.replicas()) {
                replica.kill();
            }
            Poll.until("the monitor has seen both replicas down", Duration.ofSeconds(10),
                    () -> dataSource.getClusterStats().replicas().stream().allMatch(r -> r.state().equals("down")));
            SQLException e = assertThrows(SQLException.class, () -> ServedBy.serverId(cluster, connection));
            assertEquals("08001", e.getSQLState());
            for (ClusterNode replica : cluster.replicas()) {
                assertTrue(e.getMessage().contains(replica.host() + ":" + replica.port()), e.getMessage());
            }
            assertTrue(e.getMessage().contains("down"), e.getMessage());
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE still_writable (id INT)");
            }
        }
    }

    @Test
    void primaryKilled_writesFailFastWith08_readsContinue_andWritesWorkAfterRestart() throws Exception {
        try (RwSplitDataSource dataSource = dataSource("pool.connectionTimeout=2s");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE p (id INT PRIMARY KEY)");
            statement.executeUpdate("INSERT INTO p VALUES (1)");
            // A write the replicas never received must not be read from them (readYourWrites), so the
            // reads below would rightly fail if the kill beat replication.
            cluster.awaitReplication(Duration.ofSeconds(10));
            cluster.primary().kill();
            for (int attempt = 2; attempt < 6; attempt++) {
                assertWriteFailsWith08NamingThePrimary(statement, "INSERT INTO p VALUES (" + attempt + ")", 2_500);
            }
            for (int i = 0; i < 10; i++) {
                assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            }
            cluster.primary().restart();
            awaitWritesWorkAgain(statement, "INSERT INTO p VALUES (100)");
        }
    }

    @Test
    void primaryFrozenPastDownAfter_isDown_thenWritesFailFastWith08_readsContinue_andWritesWorkAfterThaw()
            throws Exception {
        try (RwSplitDataSource dataSource = dataSource("downAfter=2s", "socketTimeout=5000");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE f (id INT PRIMARY KEY)");
            statement.executeUpdate("INSERT INTO f VALUES (1)");
            cluster.awaitReplication(Duration.ofSeconds(10));
            cluster.primary().freeze();
            // Silent for downAfter and at least three checks: down. Before that it is only suspect, and writes wait.
            Poll.until("the frozen primary is down", Duration.ofSeconds(15),
                    () -> stats(dataSource, cluster.primary()).state().equals("down"));
            for (int attempt = 2; attempt < 5; attempt++) {
                assertWriteFailsWith08NamingThePrimary(statement, "INSERT INTO f VALUES (" + attempt + ")", 1_500);
            }
            for (int i = 0; i < 10; i++) {
                assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            }
            cluster.primary().thaw();
            awaitWritesWorkAgain(statement, "INSERT INTO f VALUES (100)");
        }
    }

    private void assertWriteFailsWith08NamingThePrimary(Statement statement, String write, long boundMillis) {
        long started = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> statement.executeUpdate(write));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + " " + e.getMessage());
        assertTrue(e.getMessage().contains(cluster.primary().host() + ":" + cluster.primary().port()), e.getMessage());
        assertTrue(tookMillis <= boundMillis, "a write took " + tookMillis + " ms to fail");
    }

    private static void awaitWritesWorkAgain(Statement statement, String write) {
        Poll.until("writes work again", Duration.ofSeconds(20), () -> {
            try {
                statement.executeUpdate(write);
                return true;
            } catch (SQLException retryLater) {
                return false;
            }
        });
    }
}
