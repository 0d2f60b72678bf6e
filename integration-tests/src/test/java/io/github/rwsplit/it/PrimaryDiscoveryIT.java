package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** primaryDiscovery: writes follow a promotion the operator made, and never go to two primaries. */
@WithReplicationCluster
class PrimaryDiscoveryIT {
    private static final Duration MONITOR_INTERVAL = Duration.ofSeconds(1);

    private final ReplicationCluster cluster;
    private final AtomicInteger nextId = new AtomicInteger();

    PrimaryDiscoveryIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS promoted (id INT PRIMARY KEY, served_by INT)");
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    private boolean tryWrite(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO promoted VALUES (" + nextId.incrementAndGet() + ", @@server_id)");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** The server ids recorded by writes with ids above {@code fromId}, read on {@code node}. */
    private Set<Long> writersAfter(ClusterNode node, int fromId) throws SQLException {
        Set<Long> servers = new HashSet<>();
        try (Connection connection = node.appConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT DISTINCT served_by FROM promoted WHERE id > " + fromId)) {
            while (rows.next()) {
                servers.add(rows.getLong(1));
            }
        }
        return servers;
    }

    /** What an operator or orchestrator does: the old primary is gone, replica1 takes over, replica2 follows it. */
    private ClusterNode failOverToReplica1() {
        ClusterNode replica1 = cluster.replicas().get(0);
        ClusterNode replica2 = cluster.replicas().get(1);
        // An orchestrator promotes the most advanced replica; with both caught up, replica2 can follow replica1.
        // Otherwise replica2 may hold a transaction replica1 never got and stop with error 1236, as it should.
        cluster.awaitReplication(Duration.ofSeconds(10));
        cluster.primary().kill();
        replica1.promote();
        replica2.replicateFrom(replica1);
        return replica1;
    }

    @Test
    void afterAPromotionWritesGoToTheNewPrimaryWithin3MonitorIntervals() throws Exception {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("primaryDiscovery=true"));
             Connection connection = dataSource.getConnection()) {
            assertTrue(tryWrite(connection));
            ClusterNode promoted = failOverToReplica1();
            long promotedAt = System.nanoTime();
            Poll.until("a write succeeds after the promotion", Duration.ofSeconds(15), () -> tryWrite(connection));
            long tookMillis = (System.nanoTime() - promotedAt) / 1_000_000;
            assertTrue(tookMillis <= 3 * MONITOR_INTERVAL.toMillis() + 500, "writes resumed after " + tookMillis + " ms");
            int switchedAt = nextId.get() - 1;
            for (int i = 0; i < 20; i++) {
                assertTrue(tryWrite(connection), "every write after the switch succeeds");
            }
            assertEquals(Set.of(promoted.serverId()), writersAfter(promoted, switchedAt));
            assertEquals("primary", dataSource.getClusterStats().node(promoted.host() + ":" + promoted.port()).role());
            Poll.until("reads continue on the repointed replica", Duration.ofSeconds(15), () -> {
                try {
                    return ServedBy.serverId(cluster, connection).equals(cluster.replicas().get(1));
                } catch (SQLException e) {
                    return false;
                }
            });
        }
    }

    @Test
    void theOldPrimaryBackAndWritableIsASplitBrainThatRefusesWritesUntilItIsReadOnly() throws Exception {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("primaryDiscovery=true"));
             Connection connection = dataSource.getConnection()) {
            ClusterNode promoted = failOverToReplica1();
            Poll.until("writes follow the promotion", Duration.ofSeconds(15), () -> tryWrite(connection));
            ClusterNode old = cluster.primary();
            old.restart();
            Poll.until("the split brain is seen", Duration.ofSeconds(15), () -> !tryWrite(connection));
            SQLException refused = assertThrows(SQLException.class, () -> {
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO promoted VALUES (" + nextId.incrementAndGet() + ", 0)");
                }
            });
            assertTrue(refused.getMessage().contains("split brain"), refused.getMessage());
            assertTrue(refused.getMessage().contains(old.host() + ":" + old.port())
                    && refused.getMessage().contains(promoted.host() + ":" + promoted.port()), refused.getMessage());
            old.setReadOnly(true);
            Poll.until("writes work again once one is read-only", Duration.ofSeconds(15), () -> tryWrite(connection));
            int resumedAt = nextId.get() - 1;
            assertTrue(tryWrite(connection));
            assertEquals(Set.of(promoted.serverId()), writersAfter(promoted, resumedAt));
        }
    }

    @Test
    void withoutDiscoveryWritesKeepFailingOnTheDeadPrimaryAsBefore() throws Exception {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection()) {
            ClusterNode old = cluster.primary();
            failOverToReplica1();
            Poll.until("the monitor sees the primary down", Duration.ofSeconds(10),
                    () -> dataSource.getClusterStats().primary().state().equals("down"));
            for (int i = 0; i < 5; i++) {
                SQLException e = assertThrows(SQLException.class, () -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.executeUpdate("INSERT INTO promoted VALUES (" + nextId.incrementAndGet() + ", 0)");
                    }
                });
                assertEquals("08001", e.getSQLState());
                assertTrue(e.getMessage().contains(old.host() + ":" + old.port()), e.getMessage());
            }
            assertEquals(old.host() + ":" + old.port(), dataSource.getClusterStats().primary().node());
        }
    }
}
