package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing rule 5 (docs/routing.md): every write form runs on the primary. Rows record {@code @@server_id} of the server that ran the write
 * (row-based replication copies the value, it does not re-evaluate it). A replicated write or DDL that reached a replica
 * would fail there: replicas are read-only for the app user, so success proves the primary. Statements that are not
 * replicated (DO, HANDLER, LOAD DATA's own counter) are located by the servers' statement counters.
 */
@WithReplicationCluster
class WriteRoutingIT {
    private final ReplicationCluster cluster;

    WriteRoutingIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS w");
            statement.execute("CREATE TABLE w (id INT PRIMARY KEY, v VARCHAR(20), served_by INT)");
        }
    }

    private Connection connect(String... options) throws SQLException {
        return DriverManager.getConnection(cluster.rwsplitUrl(options));
    }

    private long servedBy(int id) throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT served_by FROM w WHERE id = " + id)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void insertUpdateDeleteAndReplaceRunOnThePrimary() throws SQLException {
        long primary = cluster.primary().serverId();
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO w VALUES (1, 'a', @@server_id)");
            statement.executeUpdate("REPLACE INTO w VALUES (2, 'b', @@server_id)");
            statement.executeUpdate("INSERT INTO w SELECT 3, 'c', @@server_id");
            statement.executeUpdate("INSERT INTO w VALUES (4, 'd', 0)");
            statement.executeUpdate("UPDATE w SET served_by = @@server_id WHERE id = 4");
            statement.executeUpdate("INSERT INTO w VALUES (5, 'e', 0)");
            assertEquals(1, statement.executeUpdate("DELETE FROM w WHERE id = 5"));
        }
        for (int id = 1; id <= 4; id++) {
            assertEquals(primary, servedBy(id), "row " + id);
        }
    }

    @Test
    void ddlRunsOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE d1 (id INT)");
            statement.execute("ALTER TABLE d1 ADD COLUMN v INT");
            statement.execute("CREATE INDEX d1_v ON d1 (v)");
            statement.execute("RENAME TABLE d1 TO d2");
            statement.execute("TRUNCATE TABLE d2");
            statement.execute("CREATE VIEW d3 AS SELECT * FROM d2");
            statement.execute("DROP VIEW d3");
            statement.execute("DROP TABLE d2");
        }
    }

    @Test
    void callAndDoRunOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE PROCEDURE put_row(IN i INT) INSERT INTO w VALUES (i, 'p', @@server_id)");
            statement.execute("CALL put_row(10)");
            ServerCounters before = ServerCounters.read(cluster);
            statement.execute("DO 1 + 1");
            assertEquals(Set.of(cluster.primary()), ServerCounters.read(cluster).grewOn(before, "com_do"));
        }
        assertEquals(cluster.primary().serverId(), servedBy(10));
    }

    @Test
    void lockTablesAndEverythingUntilUnlockRunOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("LOCK TABLES w WRITE");
            statement.executeUpdate("INSERT INTO w VALUES (20, 'l', @@server_id)");
            assertEquals(cluster.primary(), ServedBy.query(cluster, connection, "SELECT @@server_id FROM w WHERE id = 20"));
            statement.execute("UNLOCK TABLES");
        }
        assertEquals(cluster.primary().serverId(), servedBy(20));
    }

    @Test
    void xaTransactionsRunOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("XA START 'rwsplit-xa'");
            statement.executeUpdate("INSERT INTO w VALUES (30, 'x', @@server_id)");
            statement.execute("XA END 'rwsplit-xa'");
            statement.execute("XA PREPARE 'rwsplit-xa'");
            statement.execute("XA COMMIT 'rwsplit-xa'");
        }
        assertEquals(cluster.primary().serverId(), servedBy(30));
    }

    @Test
    void handlerStatementsRunOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO w VALUES (40, 'h', 0)");
            ServerCounters before = ServerCounters.read(cluster);
            statement.execute("HANDLER w OPEN");
            // Connector/J's executeQuery() accepts only statements it knows produce rows; execute() takes HANDLER.
            statement.execute("HANDLER w READ `PRIMARY` FIRST");
            try (ResultSet row = statement.getResultSet()) {
                row.next();
                assertEquals(40, row.getInt(1));
            }
            statement.execute("HANDLER w CLOSE");
            assertEquals(Set.of(cluster.primary()), ServerCounters.read(cluster).grewOn(before, "com_ha_open"));
        }
    }

    @Test
    void loadDataRunsOnThePrimary() throws Exception {
        Path file = Files.createTempFile("rwsplit-load", ".csv");
        Files.writeString(file, "50,load\n51,load\n");
        try (Connection connection = connect("allowLoadLocalInfile=true");
             Statement statement = connection.createStatement()) {
            ServerCounters before = ServerCounters.read(cluster);
            statement.execute("LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE w FIELDS TERMINATED BY ',' (id, v)");
            assertEquals(Set.of(cluster.primary()), ServerCounters.read(cluster).grewOn(before, "com_load"));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void multiStatementStringsWithAWriteRunOnThePrimary() throws SQLException {
        try (Connection connection = connect("allowMultiQueries=true");
             Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1; INSERT INTO w VALUES (60, 'm', @@server_id)");
            while (statement.getMoreResults() || statement.getUpdateCount() != -1) {
                // drain every result, as JDBC requires before the statement is reused
            }
        }
        assertEquals(cluster.primary().serverId(), servedBy(60));
    }

    @Test
    void grantsAndStatementsNoOneUnderstandsGoToThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            ServerCounters before = ServerCounters.read(cluster);
            // The app user may not grant: the point is where the attempt runs, not whether it succeeds.
            try {
                statement.execute("GRANT SELECT ON " + cluster.database() + ".w TO 'nobody'@'%'");
            } catch (SQLException expected) {
                assertEquals("42000", expected.getSQLState());
            }
            assertEquals(Set.of(cluster.primary()), ServerCounters.read(cluster).grewOn(before, "com_grant"));
        }
    }

    @Test
    void aWriteWithAReplicaHintStillRunsOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("/*rwsplit:replica*/ INSERT INTO w VALUES (70, 'r', @@server_id)");
        }
        assertEquals(cluster.primary().serverId(), servedBy(70));
    }
}
