package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.OnlyOn;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.ServerFamily;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing rule 6 (docs/routing.md): reads that must see the primary's session stay there; plain reads, system variables included, do not. */
@WithReplicationCluster
class PrimaryReadsIT {
    private final ReplicationCluster cluster;

    PrimaryReadsIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS r");
            statement.execute("CREATE TABLE r (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
            statement.execute("INSERT INTO r (v) VALUES (1), (2), (3)");
        }
        cluster.awaitReplication(java.time.Duration.ofSeconds(10));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(cluster.rwsplitUrl());
    }

    private void assertOnPrimary(Connection connection, String sql) throws SQLException {
        // Several runs: a replica would show up at once under round robin.
        for (int i = 0; i < 4; i++) {
            assertEquals(cluster.primary(), ServedBy.query(cluster, connection, sql), sql);
        }
    }

    @Test
    void aSystemVariableIsAPlainReadThatGoesToAReplica() throws SQLException {
        try (Connection connection = connect()) {
            for (int i = 0; i < 4; i++) {
                assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            }
            assertTrue(ServedBy.query(cluster, connection, "SELECT @@global.server_id, '@x', 'FOR UPDATE'").isReplica());
        }
    }

    @Test
    void lockingReadsRunOnThePrimary() throws SQLException {
        try (Connection connection = connect()) {
            assertOnPrimary(connection, "SELECT @@server_id FROM r WHERE id = 1 FOR UPDATE");
            assertOnPrimary(connection, "SELECT @@server_id FROM r WHERE id = 1 LOCK IN SHARE MODE");
            assertOnPrimary(connection, "select @@server_id from r where id = 1 for update skip locked");
        }
    }

    @Test
    void sessionScopedFunctionsRunOnThePrimary() throws SQLException {
        try (Connection connection = connect()) {
            for (String function : new String[] {"LAST_INSERT_ID()", "FOUND_ROWS()", "ROW_COUNT()", "CONNECTION_ID()",
                    "GET_LOCK('rwsplit-test', 0)", "IS_FREE_LOCK('rwsplit-test')", "IS_USED_LOCK('rwsplit-test')",
                    "RELEASE_LOCK('rwsplit-test')", "RELEASE_ALL_LOCKS()"}) {
                assertOnPrimary(connection, "SELECT @@server_id, " + function);
            }
        }
    }

    @Test
    @OnlyOn(ServerFamily.MARIADB)
    void sequencesRunOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SEQUENCE s");
            assertOnPrimary(connection, "SELECT @@server_id, NEXTVAL(s)");
            assertOnPrimary(connection, "SELECT @@server_id, NEXT VALUE FOR s");
            assertOnPrimary(connection, "SELECT @@server_id, LASTVAL(s)");
            assertOnPrimary(connection, "SELECT @@server_id, SETVAL(s, 100)");
        }
    }

    @Test
    void userVariablesLiveOnThePrimarySessionAndStayThere() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("SET @greeting = 'hello'");
            for (int i = 0; i < 4; i++) {
                try (ResultSet row = statement.executeQuery("SELECT @@server_id, @greeting")) {
                    assertEquals(cluster.primary(), ServedBy.first(cluster, row));
                    assertEquals("hello", row.getString(2));
                }
            }
            // SELECT ... INTO returns no rows, so Connector/J wants execute() rather than executeQuery().
            statement.execute("SELECT @@server_id, v INTO @id, @picked FROM r WHERE id = 2");
            try (ResultSet row = statement.executeQuery("SELECT @@server_id, @picked")) {
                assertEquals(cluster.primary(), ServedBy.first(cluster, row));
                assertEquals(2, row.getInt(2));
            }
        }
    }

    @Test
    void readsOfThisConnectionsTemporaryTablesRunOnThePrimaryOthersDoNot() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE scratch (id INT)");
            statement.execute("INSERT INTO scratch VALUES (7)");
            for (int i = 0; i < 4; i++) {
                try (ResultSet row = statement.executeQuery("SELECT @@server_id, id FROM scratch")) {
                    assertEquals(cluster.primary(), ServedBy.first(cluster, row));
                    assertEquals(7, row.getInt(2));
                }
            }
            assertTrue(ServedBy.query(cluster, connection, "SELECT @@server_id FROM r LIMIT 1").isReplica());
            statement.execute("DROP TEMPORARY TABLE scratch");
            assertTrue(ServedBy.query(cluster, connection, "SELECT @@server_id FROM r LIMIT 1").isReplica());
        }
    }

    @Test
    void showDescribeExplainAndMetadataRunOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < 4; i++) {
                try (ResultSet row = statement.executeQuery("SHOW VARIABLES LIKE 'server_id'")) {
                    row.next();
                    assertEquals(cluster.primary(), cluster.nodeByServerId(row.getLong(2)));
                }
            }
            ServerCounters before = ServerCounters.read(cluster);
            statement.executeQuery("DESCRIBE r").close();
            ServerCounters after = ServerCounters.read(cluster);
            assertEquals(java.util.Set.of(cluster.primary()), after.grewOn(before, "com_show_fields"));
            // A table only the primary has (created outside the binary log): metadata finds it only if it ran there.
            // Connector/J asks with SHOW statements or with SELECTs on information_schema depending on the server, so
            // what the metadata sees tells where it ran, not the statement counters.
            onPrimaryOnly("CREATE TABLE only_on_primary (a INT)");
            try {
                DatabaseMetaData metaData = connection.getMetaData();
                try (ResultSet tables = metaData.getTables(cluster.database(), null, "only_on_primary", null)) {
                    assertTrue(tables.next(), "metadata did not run on the primary");
                    assertEquals(connection, metaData.getConnection());
                }
            } finally {
                onPrimaryOnly("DROP TABLE only_on_primary");
            }
        }
    }

    private void onPrimaryOnly(String ddl) throws SQLException {
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("SET SESSION sql_log_bin = 0");
            statement.execute("USE " + cluster.database());
            statement.execute(ddl);
        }
    }

    @Test
    void aPrimaryHintKeepsAPlainReadOnThePrimaryAndAReplicaHintMovesShowToAReplica() throws SQLException {
        try (Connection connection = connect()) {
            assertOnPrimary(connection, "SELECT /*rwsplit:primary*/ @@server_id");
            for (int i = 0; i < 4; i++) {
                try (Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("/*rwsplit:replica*/ SHOW VARIABLES LIKE 'server_id'")) {
                    row.next();
                    assertTrue(cluster.nodeByServerId(row.getLong(2)).isReplica());
                }
            }
        }
    }
}
