package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.ServerFamily;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session state (docs/routing.md) follows the logical session onto every physical connection, and no further. */
@WithReplicationCluster
class SessionStateIT {
    private final ReplicationCluster cluster;

    SessionStateIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.rwsplitUrl());
    }

    /** Reads {@code expression} several times, so both replicas answer, and checks each answer. */
    private void assertEverywhere(Connection connection, String expression, String expected) throws SQLException {
        Set<ClusterNode> seen = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < 6; i++) {
                try (ResultSet row = statement.executeQuery("SELECT @@server_id, " + expression)) {
                    seen.add(ServedBy.first(cluster, row));
                    assertEquals(expected, row.getString(2), expression + " on " + seen);
                }
            }
        }
        assertEquals(new HashSet<>(cluster.replicas()), seen, "every replica answered");
    }

    @Test
    void aTimeZoneSetOnceAppliesOnEveryReplicaAndDoesNotLeakToTheNextConnection() throws SQLException {
        String serverDefault;
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet row = statement.executeQuery("SELECT @@session.time_zone")) {
                row.next();
                serverDefault = row.getString(1);
            }
            statement.execute("SET time_zone = '+05:00'");
            assertEverywhere(connection, "@@session.time_zone", "+05:00");
            assertEverywhere(connection, "DATE_FORMAT(CONVERT_TZ('2026-01-01 00:00:00', '+00:00', @@session.time_zone), '%H')", "05");
        }
        try (Connection next = connect()) {
            assertEverywhere(next, "@@session.time_zone", serverDefault);
        }
    }

    @Test
    void severalSettingsAndTheirResetApply() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION sql_mode = 'ANSI_QUOTES', @@session.div_precision_increment = 7");
            assertEverywhere(connection, "@@session.div_precision_increment", "7");
            assertEverywhere(connection, "@@session.sql_mode", "ANSI_QUOTES");
            statement.execute("SET div_precision_increment = DEFAULT");
            assertEverywhere(connection, "@@session.div_precision_increment", "4");
        }
    }

    @Test
    void setNamesAppliesEverywhere() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
            assertEverywhere(connection, "@@session.collation_connection", "utf8mb4_bin");
        }
        try (Connection next = connect()) {
            assertEverywhere(next, "@@session.collation_connection != 'utf8mb4_bin'", "1");
        }
    }

    @Test
    void useAndSetCatalogFollowTheSession() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("USE information_schema");
            assertEquals("information_schema", connection.getCatalog());
            assertEverywhere(connection, "DATABASE()", "information_schema");
            connection.setCatalog(cluster.database());
            assertEverywhere(connection, "DATABASE()", cluster.database());
        }
    }

    @Test
    void isolationLevelFollowsTheSession() throws SQLException {
        try (Connection connection = connect()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals(Connection.TRANSACTION_READ_COMMITTED, connection.getTransactionIsolation());
            assertEverywhere(connection, isolationVariable(), "READ-COMMITTED");
        }
        try (Connection next = connect()) {
            assertEverywhere(next, isolationVariable(), "REPEATABLE-READ");
        }
    }

    /** MySQL 8 knows only transaction_isolation; MariaDB before 11.1 only tx_isolation, which later ones keep. */
    private String isolationVariable() {
        return cluster.serverVersion().family() == ServerFamily.MYSQL
                ? "@@session.transaction_isolation" : "@@session.tx_isolation";
    }

    @Test
    void aSettingTheServerRejectsFailsAndIsNotKept() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            SQLException rejected = assertThrows(SQLException.class,
                    () -> statement.execute("SET time_zone = 'Not/AZone'"));
            assertTrue(rejected.getMessage().contains("time zone"), rejected.getMessage());
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }

    @Test
    void setAutocommitZeroStartsATransactionLikeSetAutoCommitFalse() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET autocommit = 0");
            assertEquals(false, connection.getAutoCommit());
            assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection));
            statement.execute("SET autocommit = 1");
            assertTrue(connection.getAutoCommit());
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }
}
