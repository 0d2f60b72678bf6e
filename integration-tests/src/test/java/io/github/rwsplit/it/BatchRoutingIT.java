package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.OnlyOn;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.ServerFamily;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch is classified whole: one write anywhere makes it a write, refused on a read-only connection; its session
 * statements and temporary tables follow the logical connection; its generated keys come back as with Connector/J.
 * Hints never move a statement that advances a sequence.
 */
@WithReplicationCluster
class BatchRoutingIT {
    private final ReplicationCluster cluster;

    BatchRoutingIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTables() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("b", "keys_reference", "keys_rwsplit")) {
                statement.execute("DROP TABLE IF EXISTS " + table);
                statement.execute("CREATE TABLE " + table + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
            }
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    private Connection connect(String... options) throws SQLException {
        return DriverManager.getConnection(cluster.rwsplitUrl(options));
    }

    private int rowsOnThePrimary(String table) throws SQLException {
        try (Connection check = cluster.primary().appConnection(); Statement statement = check.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            count.next();
            return count.getInt(1);
        }
    }

    /** {@code @@time_zone} of a fresh session: what a session that never ran a SET shows. */
    private String defaultTimeZone() throws SQLException {
        try (Connection plain = cluster.replicas().get(0).appConnection(); Statement statement = plain.createStatement();
             ResultSet zone = statement.executeQuery("SELECT @@time_zone")) {
            zone.next();
            return zone.getString(1);
        }
    }

    /** Which node answered and what {@code @@time_zone} it showed, for each of {@code reads} reads. */
    private List<String[]> timeZones(Connection connection, int reads) throws SQLException {
        List<String[]> seen = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            for (int i = 0; i < reads; i++) {
                try (ResultSet row = statement.executeQuery("SELECT @@server_id, @@time_zone")) {
                    row.next();
                    seen.add(new String[] {cluster.nodeByServerId(row.getLong(1)).name(), row.getString(2)});
                }
            }
        }
        return seen;
    }

    @Test
    void readOnlyConnection_batchOfASetAndAnInsert_isRefusedWith25006AndNothingRuns() throws SQLException {
        String defaultZone = defaultTimeZone();
        ServerCounters before = ServerCounters.read(cluster);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            statement.addBatch("SET time_zone = '+00:00'");
            statement.addBatch("INSERT INTO b (v) VALUES ('refused')");
            SQLException refused = assertThrows(SQLException.class, statement::executeBatch);
            assertEquals("25006", refused.getSQLState(), refused.getMessage());
            assertEquals(Set.of(), ServerCounters.read(cluster).grewOn(before, "com_insert"), "an insert ran");
            for (String[] read : timeZones(connection, 4)) {
                assertEquals(defaultZone, read[1], "the refused batch's SET took effect on " + read[0]);
            }
        }
        assertEquals(0, rowsOnThePrimary("b"));
    }

    @Test
    void readOnlyTransactionOnAReplica_batchWithAnInsert_isRefusedWith25006() throws SQLException {
        ServerCounters before = ServerCounters.read(cluster);
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            ClusterNode pinned = ServedBy.serverId(cluster, connection);
            assertTrue(pinned.isReplica(), "the read-only transaction runs on " + pinned);
            statement.addBatch("SET @in_batch = 1");
            statement.addBatch("INSERT INTO b (v) VALUES ('refused')");
            SQLException refused = assertThrows(SQLException.class, statement::executeBatch);
            assertEquals("25006", refused.getSQLState(), refused.getMessage());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO b (v) VALUES (?)")) {
                insert.setString(1, "refused too");
                insert.addBatch();
                SQLException alsoRefused = assertThrows(SQLException.class, insert::executeBatch);
                assertEquals("25006", alsoRefused.getSQLState(), alsoRefused.getMessage());
            }
            assertEquals(pinned, ServedBy.serverId(cluster, connection), "the transaction stays on its replica");
            connection.commit();
        }
        assertEquals(Set.of(), ServerCounters.read(cluster).grewOn(before, "com_insert"), "an insert ran");
        assertEquals(0, rowsOnThePrimary("b"));
    }

    @Test
    void batchOfASetAndAnInsert_runsOnThePrimary_andTheSetFollowsTheConnectionToTheReplicas() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.addBatch("SET time_zone = '+03:00'");
            // The row records the server that ran the INSERT (row-based replication copies the value, not the call):
            // replicas apply replicated rows too, so their insert counters cannot tell.
            statement.addBatch("INSERT INTO b (v) VALUES (CONCAT('batched-', @@server_id))");
            int[] counts = statement.executeBatch();
            assertEquals(2, counts.length);
            assertEquals(1, counts[1]);
            assertEquals(1, rowsOnThePrimary("b"));
            try (Connection check = cluster.primary().appConnection(); Statement query = check.createStatement();
                 ResultSet row = query.executeQuery("SELECT v FROM b")) {
                assertTrue(row.next());
                assertEquals("batched-" + cluster.primary().serverId(), row.getString(1), "the INSERT ran elsewhere");
            }
            cluster.awaitReplication(Duration.ofSeconds(10));
            List<String[]> reads = timeZones(connection, 6);
            Set<String> servedBy = new HashSet<>();
            for (String[] read : reads) {
                servedBy.add(read[0]);
                assertEquals("+03:00", read[1], "the batch's SET is missing on " + read[0]);
            }
            assertTrue(servedBy.stream().anyMatch(name -> name.startsWith("replica")), "reads ran on " + servedBy);
        }
        assertEquals(1, rowsOnThePrimary("b"));
    }

    @Test
    void batchCreatingATemporaryTable_laterReadsOfItRunInTheSessionThatHoldsIt() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.addBatch("CREATE TEMPORARY TABLE tmp (id INT)");
            statement.addBatch("INSERT INTO tmp VALUES (1), (2)");
            statement.executeBatch();
            for (int i = 0; i < 5; i++) {
                try (ResultSet row = statement.executeQuery("SELECT @@server_id, COUNT(*) FROM tmp")) {
                    row.next();
                    assertEquals(cluster.primary(), cluster.nodeByServerId(row.getLong(1)));
                    assertEquals(2, row.getInt(2));
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT * FROM tmp ORDER BY id")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt(1));
            }
        }
    }

    @Test
    void generatedKeysAfterBatches_areThoseAPlainConnectorJConnectionReturns() throws SQLException {
        List<List<Long>> reference;
        try (Connection plain = cluster.primary().appConnection()) {
            reference = batchKeys(plain, "keys_reference");
        }
        List<List<Long>> rwsplit;
        try (Connection connection = connect()) {
            rwsplit = batchKeys(connection, "keys_rwsplit");
        }
        assertFalse(reference.get(1).isEmpty(), "Connector/J returned no keys for the prepared batch");
        assertEquals(reference, rwsplit, "keys of [Statement batch, PreparedStatement batch]");
    }

    /** Keys of a Statement batch (one single-row and one two-row insert) and a PreparedStatement batch of three. */
    private static List<List<Long>> batchKeys(Connection connection, String table) throws SQLException {
        List<List<Long>> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            statement.addBatch("INSERT INTO " + table + " (v) VALUES ('a')");
            statement.addBatch("INSERT INTO " + table + " (v) VALUES ('b'), ('c')");
            assertArrayEquals(new int[] {1, 2}, statement.executeBatch());
            keys.add(keys(statement));
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " (v) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (String v : List.of("d", "e", "f")) {
                insert.setString(1, v);
                insert.addBatch();
            }
            insert.executeBatch();
            keys.add(keys(insert));
        }
        return keys;
    }

    private static List<Long> keys(Statement statement) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (ResultSet generated = statement.getGeneratedKeys()) {
            while (generated.next()) {
                keys.add(generated.getLong(1));
            }
        }
        return keys;
    }

    @Test
    @OnlyOn(ServerFamily.MARIADB)
    void replicaHintOnNextval_stillRunsOnThePrimary() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SEQUENCE IF EXISTS seq");
            statement.execute("CREATE SEQUENCE seq");
            cluster.awaitReplication(Duration.ofSeconds(10));
            List<String> hinted = List.of("/*rwsplit:replica*/ SELECT NEXTVAL(seq), @@server_id",
                    "SELECT /*rwsplit:replica*/ NEXT VALUE FOR seq, @@server_id",
                    "/*rwsplit:replica*/ SELECT NEXTVAL(seq), @@server_id");
            long expected = 1;
            for (String sql : hinted) {
                try (ResultSet row = statement.executeQuery(sql)) {
                    row.next();
                    assertEquals(expected++, row.getLong(1), sql);
                    assertEquals(cluster.primary(), cluster.nodeByServerId(row.getLong(2)), sql);
                }
            }
        }
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SELECT NEXTVAL(seq)")) {
            row.next();
            assertEquals(4, row.getLong(1), "the primary's sequence advanced once per hinted NEXTVAL");
        }
    }
}
