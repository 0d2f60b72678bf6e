package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.examples.hikari.OuterPool;
import io.github.rwsplit.examples.hikari.ShopWorkload;
import io.github.rwsplit.jdbc.RoutingConnection;
import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HikariCP as the application's pool over rwsplit: routing, inner pool use, validation and state reset. */
@WithReplicationCluster
class HikariExampleIT {
    private static ReplicationCluster cluster;
    private static HikariDataSource pool;

    @BeforeAll
    static void createPool(ReplicationCluster shared) {
        cluster = shared;
        pool = OuterPool.create(ExampleUrls.rwsplit(cluster, "clusterName=hikari-example"), cluster.appUser(),
                cluster.appPassword());
    }

    @AfterAll
    static void closePool() {
        pool.close();
    }

    @Test
    void workload_readsOutsideTransactionsOnReplicas_transactionsWholeOnThePrimary() throws Exception {
        ShopWorkload shop = new ShopWorkload(pool);
        shop.createSchema();
        // The requests run on other pooled connections, which read-your-writes does not cover.
        cluster.awaitReplication(Duration.ofSeconds(10));
        ClusterStats before = PooledClusterStats.read(pool);
        ShopWorkload.Outcome outcome = shop.run(4, 20);
        ClusterActivity activity = ClusterActivity.between(before, PooledClusterStats.read(pool));

        assertEquals(0, activity.replicaWrites(), activity.toString());
        assertEquals(outcome.writes(), activity.primaryWrites(), activity.toString());
        // The primary reads only inside transactions, plus any read it took over from the replicas (counted).
        assertEquals(outcome.readsInTransactions(), activity.primaryReads() - activity.primaryFallbacks(),
                activity.toString());
        assertEquals(outcome.lookups(), activity.replicaReads() + activity.primaryFallbacks(), activity.toString());
        assertEquals(2, activity.replicasThatRead().size(), "reads spread over both replicas: " + activity);
    }

    @Test
    void idleOuterConnectionsHoldNoServerConnection_aTransactionPinsOneOnThePrimary() throws SQLException {
        List<Connection> outer = new ArrayList<>();
        try {
            for (int i = 0; i < OuterPool.SIZE; i++) {
                outer.add(pool.getConnection());
            }
            // Every outer connection is out, so the figures come through one of them.
            RoutingConnection logical = outer.get(0).unwrap(RoutingConnection.class);
            assertEquals(0, borrowed(logical.clusterStats().nodes()), "borrowed while idle");

            for (Connection connection : outer) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.executeQuery("SELECT 1").close();
                }
            }
            ClusterStats inTransactions = logical.clusterStats();
            assertEquals(OuterPool.SIZE, inTransactions.primary().borrowed());
            assertEquals(0, borrowed(inTransactions.replicas()));
        } finally {
            for (Connection connection : outer) {
                connection.close();
            }
        }
        assertEquals(0, borrowed(PooledClusterStats.read(pool).nodes()), "borrowed after the transactions");
    }

    private static int borrowed(List<NodeStats> nodes) {
        return nodes.stream().mapToInt(NodeStats::borrowed).sum();
    }

    @Test
    void outerPoolValidatesConnections_withIsValidOrWithAConnectionTestQuery() throws Exception {
        for (String testQuery : new String[] {null, "SELECT 1"}) {
            HikariConfig config = new HikariConfig();
            config.setDriverClassName(RwSplitDriver.class.getName());
            config.setJdbcUrl(ExampleUrls.rwsplit(cluster));
            config.setUsername(cluster.appUser());
            config.setPassword(cluster.appPassword());
            config.setMaximumPoolSize(1);
            config.setConnectionTestQuery(testQuery);
            try (HikariDataSource validating = new HikariDataSource(config)) {
                validating.getConnection().close();
                // HikariCP validates a connection on borrow once it has been idle longer than 500 ms.
                Thread.sleep(700);
                try (Connection connection = validating.getConnection()) {
                    assertTrue(connection.isValid(1));
                    assertTrue(servedBy(connection).isReplica(), "test query " + testQuery);
                }
            }
        }
    }

    @Test
    void readOnlySetByOneBorrower_isResetBeforeTheNext() throws SQLException {
        try (Connection reporting = pool.getConnection(); Statement statement = reporting.createStatement()) {
            reporting.setReadOnly(true);
            assertEquals("25006", assertThrows(SQLException.class, () -> statement.execute("DO 1")).getSQLState());
        }
        try (Connection writing = pool.getConnection(); Statement statement = writing.createStatement()) {
            assertFalse(writing.isReadOnly());
            statement.execute("DO 1");
        }
    }

    @Test
    void readsInsideAReadWriteTransactionStayOnThePrimary() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            assertEquals(cluster.primary(), servedBy(connection));
            connection.commit();
            connection.setAutoCommit(true);
            assertTrue(servedBy(connection).isReplica());
        }
    }

    private static ClusterNode servedBy(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@server_id")) {
            row.next();
            return cluster.nodeByServerId(row.getLong(1));
        }
    }
}
