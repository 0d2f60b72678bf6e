package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing rules 2 and 3 (docs/routing.md): transactions stay whole on one physical connection. */
@WithReplicationCluster
class TransactionIT {
    private final ReplicationCluster cluster;

    TransactionIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS t");
            statement.execute("CREATE TABLE t (id INT PRIMARY KEY, v INT)");
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.rwsplitUrl());
    }

    private static int count(Connection connection, String where) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM t WHERE " + where)) {
            row.next();
            return row.getInt(1);
        }
    }

    @Test
    void aJdbcTransactionRunsWhollyOnThePrimaryAndSeesItsOwnWrites() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection));
            statement.executeUpdate("INSERT INTO t VALUES (1, 1)");
            for (int i = 0; i < 4; i++) {
                assertEquals(cluster.primary(), ServedBy.query(cluster, connection, "SELECT @@server_id FROM t WHERE id = 1"));
            }
            connection.commit();
            assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection), "a new transaction begins");
            connection.rollback();
            connection.setAutoCommit(true);
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }

    @Test
    void anSqlTransactionRunsWhollyOnThePrimaryUntilCommit() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO t VALUES (2, 2)");
            for (int i = 0; i < 4; i++) {
                assertEquals(cluster.primary(), ServedBy.query(cluster, connection, "SELECT @@server_id FROM t WHERE id = 2"));
            }
            statement.execute("COMMIT");
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            statement.execute("START TRANSACTION");
            statement.executeUpdate("INSERT INTO t VALUES (3, 3)");
            statement.execute("ROLLBACK");
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
        try (Connection check = cluster.primary().appConnection()) {
            assertEquals(1, count(check, "id = 2"));
            assertEquals(0, count(check, "id = 3"));
        }
    }

    @Test
    void aReadOnlyTransactionRunsWhollyOnOneReplica() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("START TRANSACTION READ ONLY");
            Set<ClusterNode> servedBy = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                servedBy.add(ServedBy.serverId(cluster, connection));
            }
            statement.execute("COMMIT");
            assertEquals(1, servedBy.size(), "one replica: " + servedBy);
            assertTrue(servedBy.iterator().next().isReplica());
        }
    }

    @Test
    void setReadOnlyWithAutocommitOffPinsOneReplicaAndRefusesWrites() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            Set<ClusterNode> servedBy = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                servedBy.add(ServedBy.serverId(cluster, connection));
            }
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("INSERT INTO t VALUES (4, 4)"));
            assertEquals("25006", refused.getSQLState());
            connection.commit();
            assertEquals(1, servedBy.size(), "one replica: " + servedBy);
            assertTrue(servedBy.iterator().next().isReplica());
        }
    }

    @Test
    void savepointsWorkInsideTheTransaction() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO t VALUES (5, 5)");
            Savepoint savepoint = connection.setSavepoint("before_six");
            statement.executeUpdate("INSERT INTO t VALUES (6, 6)");
            connection.rollback(savepoint);
            statement.execute("SAVEPOINT sql_savepoint");
            statement.executeUpdate("INSERT INTO t VALUES (7, 7)");
            statement.execute("ROLLBACK TO SAVEPOINT sql_savepoint");
            connection.commit();
            assertEquals(1, count(connection, "id IN (5, 6, 7)"));
        }
    }

    @Test
    void closingAConnectionWithAnOpenTransactionRollsItBack() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.executeUpdate("INSERT INTO t VALUES (8, 8)");
        }
        try (Connection check = cluster.primary().appConnection()) {
            assertEquals(0, count(check, "id = 8"));
        }
    }

    @Test
    void ddlInsideAnSqlTransactionCommitsItAndReadsLeaveThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("BEGIN");
            statement.executeUpdate("INSERT INTO t VALUES (9, 9)");
            statement.execute("CREATE TABLE implicit_commit (id INT)");
            cluster.awaitReplication(java.time.Duration.ofSeconds(10));
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
        try (Connection check = cluster.primary().appConnection()) {
            assertEquals(1, count(check, "id = 9"));
        }
    }

    @Test
    void unwrapGivesThePinnedPhysicalConnectionOnlyInsideATransaction() throws SQLException {
        try (Connection connection = connect()) {
            SQLException outside = assertThrows(SQLException.class,
                    () -> connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class));
            assertTrue(outside.getMessage().contains("outside a transaction"), outside.getMessage());
            assertFalse(connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class));
            assertEquals(connection, connection.unwrap(Connection.class));
            connection.setAutoCommit(false);
            ServedBy.serverId(cluster, connection);
            assertTrue(connection.isWrapperFor(com.mysql.cj.jdbc.JdbcConnection.class));
            com.mysql.cj.jdbc.JdbcConnection physical = connection.unwrap(com.mysql.cj.jdbc.JdbcConnection.class);
            assertTrue(physical.getHostPortPair().endsWith(":" + cluster.primary().port()));
            connection.rollback();
        }
    }
}
