package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Statements cost the servers what they cost on a plain Connector/J connection: a read is one statement, with nothing
 * sent around it; and with Connector/J's statement cache on, a server-side prepared statement is prepared once per
 * physical connection, however often a logical statement runs and however many logical statements an application
 * prepares, and never closed on the server between executions.
 */
@WithReplicationCluster
class PreparedStatementReuseIT {
    private static final int EXECUTIONS = 200;
    private final ReplicationCluster cluster;

    PreparedStatementReuseIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS reuse (id INT PRIMARY KEY, v INT)");
            statement.execute("INSERT IGNORE INTO reuse VALUES (1, 10), (2, 20)");
        }
        cluster.awaitReplication(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aPreparedReadIsPreparedOncePerPhysicalConnectionWithTheStatementCacheOn() throws SQLException {
        String url = cluster.rwsplitUrl("useServerPrepStmts=true", "cachePrepStmts=true", "pool.maximumPoolSize=2");
        try (Connection connection = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword())) {
            runReads(connection, 4);
            ServerCounters before = ServerCounters.read(cluster);
            runReads(connection, EXECUTIONS);
            ServerCounters after = ServerCounters.read(cluster);
            long prepared = 0;
            long closed = 0;
            long executed = 0;
            for (ClusterNode node : cluster.nodes()) {
                prepared += after.grew(before, node, "com_stmt_prepare");
                closed += after.grew(before, node, "com_stmt_close");
                executed += after.grew(before, node, "com_stmt_execute");
            }
            assertEquals(EXECUTIONS, executed, "every execution is one COM_STMT_EXECUTE");
            assertEquals(0, prepared, "warm physical connections prepare nothing again");
            assertEquals(0, closed, "nothing is closed on the server between executions");
        }
    }

    @Test
    void aReadOutsideATransactionIsOneStatementOnTheServer_withNoSetPingOrValidationAroundIt() throws SQLException {
        // One warm connection a replica, so no pool grows, and a quiet monitor: whatever else reaches the replicas
        // comes from the statement path.
        String url = cluster.rwsplitUrl("pool.maximumPoolSize=1", "monitorInterval=30s");
        try (Connection connection = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword());
             Statement statement = connection.createStatement()) {
            for (int i = 0; i < 20; i++) {
                plainRead(statement, i);
            }
            // Reading the counters opens an administrator's connection, whose own setup the servers count too:
            // two readings with nothing between them measure that, and it is taken off.
            ServerCounters before = ServerCounters.read(cluster);
            ServerCounters idle = ServerCounters.read(cluster);
            for (int i = 0; i < EXECUTIONS; i++) {
                plainRead(statement, i);
            }
            ServerCounters after = ServerCounters.read(cluster);
            long selects = 0;
            for (ClusterNode replica : cluster.replicas()) {
                long here = statementPath(before, idle, after, replica, "com_select");
                assertTrue(here > 0, "reads reached " + replica.name());
                selects += here;
                for (String other : new String[] {"com_set_option", "com_stmt_prepare", "com_stmt_execute",
                        "com_show_variables", "com_rollback", "com_commit", "com_change_db"}) {
                    assertEquals(0, statementPath(before, idle, after, replica, other), other + " on " + replica.name());
                }
            }
            // The monitor's round may fall in the window: two SELECTs on each replica.
            assertTrue(selects >= EXECUTIONS && selects <= EXECUTIONS + 2L * cluster.replicas().size(),
                    selects + " SELECTs on the replicas for " + EXECUTIONS + " reads");
        }
    }

    @Test
    void sessionStateIsSetOncePerPhysicalConnection_notBeforeEveryRead() throws SQLException {
        String url = cluster.rwsplitUrl("pool.maximumPoolSize=1", "monitorInterval=30s");
        try (Connection connection = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword());
             Statement statement = connection.createStatement()) {
            plainRead(statement, 0);
            plainRead(statement, 1);
            ServerCounters before = ServerCounters.read(cluster);
            ServerCounters idle = ServerCounters.read(cluster);
            statement.execute("SET time_zone = '+01:00'");
            for (int i = 0; i < EXECUTIONS; i++) {
                plainRead(statement, i);
            }
            ServerCounters after = ServerCounters.read(cluster);
            for (ClusterNode replica : cluster.replicas()) {
                long sets = statementPath(before, idle, after, replica, "com_set_option");
                assertTrue(sets >= 1 && sets <= 2, sets + " SETs on " + replica.name() + " for its one connection");
            }
            try (ResultSet zone = statement.executeQuery("SELECT @@session.time_zone")) {
                assertTrue(zone.next());
                assertEquals("+01:00", zone.getString(1));
            }
        }
    }

    @Test
    void aLogicalStatementHandedOutAgainRunsAsANewOne_parametersAndSettingsCleared() throws SQLException {
        String url = cluster.rwsplitUrl("useServerPrepStmts=true", "cachePrepStmts=true");
        try (Connection connection = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword())) {
            PreparedStatement first = connection.prepareStatement("SELECT v FROM reuse WHERE id >= ? ORDER BY id");
            first.setMaxRows(1);
            first.setInt(1, 1);
            try (ResultSet rows = first.executeQuery()) {
                assertTrue(rows.next());
                assertFalse(rows.next(), "maxRows 1");
            }
            first.close();

            PreparedStatement second = connection.prepareStatement("SELECT v FROM reuse WHERE id >= ? ORDER BY id");
            assertSame(first, second, "Connector/J's statement cache is on: the closed statement comes back");
            SQLException unbound = assertThrows(SQLException.class, second::executeQuery);
            assertEquals("07001", unbound.getSQLState(), "the parameter bound before close is gone");
            second.setInt(1, 1);
            try (ResultSet rows = second.executeQuery()) {
                assertTrue(rows.next());
                assertEquals(10, rows.getInt(1));
                assertTrue(rows.next(), "maxRows is back at 0");
                assertEquals(20, rows.getInt(1));
            }
            second.close();
        }
    }

    @Test
    void aRowLimitOrTimeoutSetOnOneStatementNeverReachesAnotherThroughConnectorJsCache() throws SQLException {
        // One physical connection per node: the second logical connection's reads run on the sessions whose
        // statement caches hold the first one's closed statements.
        String url = cluster.rwsplitUrl("useServerPrepStmts=true", "cachePrepStmts=true", "pool.maximumPoolSize=1");
        String sql = "SELECT v FROM reuse WHERE id >= ? ORDER BY id";
        try (Connection first = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword());
             Connection second = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword())) {
            for (int i = 0; i < 2 * cluster.replicas().size(); i++) {
                try (PreparedStatement limited = first.prepareStatement(sql)) {
                    limited.setMaxRows(1);
                    limited.setQueryTimeout(30);
                    limited.setInt(1, 1);
                    try (ResultSet rows = limited.executeQuery()) {
                        assertTrue(rows.next());
                        assertFalse(rows.next(), "maxRows 1");
                    }
                }
            }
            for (int i = 0; i < 2 * cluster.replicas().size(); i++) {
                try (PreparedStatement plain = second.prepareStatement(sql)) {
                    plain.setInt(1, 1);
                    try (ResultSet rows = plain.executeQuery()) {
                        assertTrue(rows.next());
                        assertTrue(rows.next(), "no row limit on read " + i);
                    }
                }
            }
        }
    }

    private static long statementPath(ServerCounters before, ServerCounters idle, ServerCounters after,
                                      ClusterNode node, String counter) {
        return after.grew(idle, node, counter) - idle.grew(before, node, counter);
    }

    private static void plainRead(Statement statement, int i) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT v FROM reuse WHERE id = " + (1 + i % 2))) {
            assertTrue(row.next());
        }
    }

    private static void runReads(Connection connection, int times) throws SQLException {
        for (int i = 0; i < times; i++) {
            try (PreparedStatement select = connection.prepareStatement("SELECT v FROM reuse WHERE id = ?")) {
                select.setInt(1, 1 + i % 2);
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                }
            }
        }
    }
}
