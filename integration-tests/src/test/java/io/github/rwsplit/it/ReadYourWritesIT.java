package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.NonRegisteringDriver;
import io.github.rwsplit.jdbc.RoutingConnection;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.FallbackReason;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-your-writes: after its own write, a connection never reads a replica that has not applied it. */
@WithReplicationCluster
class ReadYourWritesIT {
    private static final int ITERATIONS = 500;

    private final ReplicationCluster cluster;

    ReadYourWritesIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS ryw (id INT PRIMARY KEY, v INT)");
        }
        cluster.awaitReplication(java.time.Duration.ofSeconds(10));
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    private void delayEveryReplica(int seconds) {
        for (ClusterNode replica : cluster.replicas()) {
            replica.setReplicationDelay(seconds);
        }
    }

    @Test
    void aPrimaryHintAfterThisConnectionsWrite_stillRunsOnThePrimary() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO ryw VALUES (1, 10)");
            assertEquals(cluster.primary(), ServedBy.query(cluster, connection, "/*rwsplit:primary*/ SELECT @@server_id"));
        }
    }

    /** Inserts a unique row and reads it back, ITERATIONS times; returns how many read-backs missed their row. */
    private int insertAndReadBack(Connection connection) throws SQLException {
        int stale = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ryw VALUES (?, ?)");
             PreparedStatement read = connection.prepareStatement("SELECT v FROM ryw WHERE id = ?")) {
            for (int id = 1; id <= ITERATIONS; id++) {
                insert.setInt(1, id);
                insert.setInt(2, id * 10);
                insert.executeUpdate();
                read.setInt(1, id);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next() || row.getInt(1) != id * 10) {
                        stale++;
                    }
                }
            }
        }
        return stale;
    }

    private static long replicaReads(ClusterStats stats) {
        return stats.replicas().stream().mapToLong(r -> r.reads()).sum();
    }

    @Test
    void withEveryReplicaDelayedEveryReadBackFindsItsRowOnThePrimary() throws SQLException {
        delayEveryReplica(2);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection()) {
            assertEquals(0, insertAndReadBack(connection), "stale reads");
            ClusterStats stats = dataSource.getClusterStats();
            assertTrue(stats.primary().fallbacks(FallbackReason.READ_YOUR_WRITES) >= ITERATIONS * 0.95,
                    "read-backs on the primary: " + stats.primary());
        }
    }

    @Test
    void withoutDelayMostReadBacksStayOnReplicas() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection()) {
            assertEquals(0, insertAndReadBack(connection), "stale reads");
            long onReplicas = replicaReads(dataSource.getClusterStats());
            assertTrue(onReplicas >= ITERATIONS * 0.8, onReplicas + " of " + ITERATIONS + " read-backs on replicas");
        }
    }

    @Test
    void withReadYourWritesOffStaleReadsDoHappen() throws SQLException {
        delayEveryReplica(2);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("readYourWrites=false"));
             Connection connection = dataSource.getConnection()) {
            assertTrue(insertAndReadBack(connection) > ITERATIONS / 2, "the test must be able to fail");
        }
    }

    @Test
    void theWritesGtidArrivesInTheOkPacket_orCostsOneQueryOnConnectorJBefore8_4() throws SQLException {
        Driver connectorJ = new NonRegisteringDriver();
        boolean okPackets = connectorJ.getMajorVersion() > 8
                || connectorJ.getMajorVersion() == 8 && connectorJ.getMinorVersion() >= 4;
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO ryw VALUES (8000, 0)");
            ServerCounters before = ServerCounters.read(cluster);
            for (int id = 8001; id <= 8100; id++) {
                statement.executeUpdate("INSERT INTO ryw VALUES (" + id + ", 0)");
            }
            long selects = ServerCounters.read(cluster).grew(before, cluster.primary(), "com_select");
            if (okPackets) {
                assertTrue(selects < 10, selects + " SELECTs on the primary for 100 writes");
            } else {
                assertTrue(selects >= 100 && selects < 110, selects + " SELECTs on the primary for 100 writes with "
                        + "Connector/J " + connectorJ.getMajorVersion() + "." + connectorJ.getMinorVersion());
            }
            assertNotNull(connection.unwrap(RoutingConnection.class).lastWritePosition());
        }
    }

    @Test
    void aConsistencyTokenCarriesAWriteToAnotherConnection() throws SQLException {
        delayEveryReplica(2);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection writer = dataSource.getConnection(); Connection reader = dataSource.getConnection()) {
            try (Statement statement = writer.createStatement()) {
                statement.executeUpdate("INSERT INTO ryw VALUES (9001, 1)");
            }
            String token = writer.unwrap(RoutingConnection.class).lastWritePosition();
            assertNotNull(token);
            reader.unwrap(RoutingConnection.class).readAfter(token);
            try (Statement statement = reader.createStatement();
                 ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM ryw WHERE id = 9001")) {
                row.next();
                assertEquals(1, row.getInt(1));
            }
        }
    }

    @Test
    void aReadOnlyTransactionAfterAWriteSeesIt() throws SQLException {
        delayEveryReplica(2);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO ryw VALUES (9002, 2)");
            statement.execute("START TRANSACTION READ ONLY");
            try (ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM ryw WHERE id = 9002")) {
                row.next();
                assertEquals(1, row.getInt(1));
            }
            statement.execute("COMMIT");
        }
    }
}
