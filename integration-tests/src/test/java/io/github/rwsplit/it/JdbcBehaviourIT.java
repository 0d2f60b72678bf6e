package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.OnlyOn;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.ServerFamily;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Generated keys, batches, multiple results, callable statements and wrappers behave as with Connector/J. */
@WithReplicationCluster
class JdbcBehaviourIT {
    private final ReplicationCluster cluster;

    JdbcBehaviourIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS k");
            statement.execute("CREATE TABLE k (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))");
        }
    }

    private Connection connect(String... options) throws SQLException {
        return DriverManager.getConnection(cluster.rwsplitUrl(options));
    }

    @Test
    void generatedKeysComeBackFromStatementsAndPreparedStatements() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("INSERT INTO k (v) VALUES ('a')", Statement.RETURN_GENERATED_KEYS));
            try (ResultSet keys = statement.getGeneratedKeys()) {
                assertTrue(keys.next());
                assertEquals(1, keys.getLong(1));
                assertSame(statement, keys.getStatement());
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO k (v) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (String v : new String[] {"b", "c"}) {
                    insert.setString(1, v);
                    insert.executeUpdate();
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        assertTrue(keys.next());
                        assertTrue(keys.getLong(1) > 1);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO k (v) VALUES (?)",
                    new String[] {"id"})) {
                insert.setString(1, "d");
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    assertTrue(keys.next());
                    assertEquals(4, keys.getLong(1));
                }
            }
        }
    }

    @Test
    @OnlyOn(ServerFamily.MARIADB)
    void insertAndDeleteReturningGiveTheirRowsThroughExecuteQuery() throws SQLException {
        // Connector/J alone refuses these in executeQuery; jOOQ's MariaDB dialect sends INSERT ... RETURNING so.
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet returned = statement.executeQuery("INSERT INTO k (v) VALUES ('a'), ('b') RETURNING id, v")) {
                assertTrue(returned.next());
                assertEquals(1, returned.getInt(1));
                assertEquals("a", returned.getString(2));
                assertTrue(returned.next());
                assertEquals(2, returned.getInt("id"));
                assertFalse(returned.next());
                assertSame(statement, returned.getStatement());
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO k (v) VALUES (?) RETURNING id")) {
                insert.setString(1, "c");
                try (ResultSet returned = insert.executeQuery()) {
                    assertTrue(returned.next());
                    assertEquals(3, returned.getInt(1));
                }
            }
            try (ResultSet deleted = statement.executeQuery("DELETE FROM k WHERE v = 'a' RETURNING id")) {
                assertTrue(deleted.next());
                assertEquals(1, deleted.getInt(1));
            }
            statement.closeOnCompletion();
            statement.executeQuery("DELETE FROM k WHERE v = 'none' RETURNING id").close();
            assertTrue(statement.isClosed(), "closing the returned rows completes the statement");
        }
        assertEquals(2, rowsOnThePrimary());
    }

    @Test
    void executeQueryOfAWriteWithoutReturningFailsBeforeItRuns() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO k (v) VALUES (?)")) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.executeQuery("INSERT INTO k (v) VALUES ('returning')"));
            assertEquals("S1009", refused.getSQLState());
            insert.setString(1, "x");
            assertEquals("S1009", assertThrows(SQLException.class, insert::executeQuery).getSQLState());
        }
        assertEquals(0, rowsOnThePrimary());
    }

    private int rowsOnThePrimary() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM k")) {
            count.next();
            return count.getInt(1);
        }
    }

    @Test
    void lastInsertIdAfterAnAutocommitInsertSeesThatInsert() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO k (v) VALUES ('x')");
            statement.executeUpdate("INSERT INTO k (v) VALUES ('y')");
            try (ResultSet id = statement.executeQuery("SELECT LAST_INSERT_ID()")) {
                id.next();
                assertEquals(2, id.getLong(1));
            }
        }
    }

    @Test
    void batchesRunOnThePrimaryAndReturnCounts() throws SQLException {
        try (Connection connection = connect("rewriteBatchedStatements=true");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO k (v) VALUES (?)")) {
            for (int i = 0; i < 5; i++) {
                insert.setString(1, "batch" + i);
                insert.addBatch();
            }
            int[] counts = insert.executeBatch();
            assertEquals(5, counts.length);
            try (Statement statement = connection.createStatement()) {
                statement.addBatch("UPDATE k SET v = 'u' WHERE id = 1");
                statement.addBatch("DELETE FROM k WHERE id = 2");
                assertArrayEquals(new int[] {1, 1}, statement.executeBatch());
            }
        }
    }

    @Test
    void multipleResultsAreReadWithGetMoreResults() throws SQLException {
        try (Connection connection = connect("allowMultiQueries=true"); Statement statement = connection.createStatement()) {
            assertTrue(statement.execute("SELECT 1; SELECT 2, 3; SELECT @@server_id"));
            try (ResultSet first = statement.getResultSet()) {
                first.next();
                assertEquals(1, first.getInt(1));
            }
            assertTrue(statement.getMoreResults());
            ResultSet second = statement.getResultSet();
            second.next();
            assertEquals(3, second.getInt(2));
            assertTrue(statement.getMoreResults());
            assertTrue(ServedBy.first(cluster, statement.getResultSet()).isReplica());
            assertFalse(statement.getMoreResults());
            assertEquals(-1, statement.getUpdateCount());
        }
    }

    @Test
    void callableStatementsRunOnThePrimaryWithOutParameters() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE PROCEDURE whoami(IN add_to INT, OUT id BIGINT) SELECT @@server_id + add_to INTO id");
            try (CallableStatement call = connection.prepareCall("{call whoami(?, ?)}")) {
                call.setInt(1, 1000);
                call.registerOutParameter(2, Types.BIGINT);
                call.execute();
                assertEquals(cluster.primary().serverId() + 1000, call.getLong(2));
                assertSame(connection, call.getConnection());
            }
        }
    }

    @Test
    void wrappersReturnTheLogicalObjects() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT 1")) {
            assertSame(connection, statement.getConnection());
            assertSame(statement, rows.getStatement());
            assertSame(connection, connection.unwrap(Connection.class));
            assertSame(connection, connection.getMetaData().getConnection());
            // Connector/J names every server it talks to MySQL, MariaDB included.
            assertEquals("MySQL", connection.getMetaData().getDatabaseProductName());
        }
    }

    @Test
    void metadataNamesTheClusterUrlWithoutCredentialsNotOneNodesUrl() throws SQLException {
        try (Connection connection = connect()) {
            assertEquals("jdbc:rwsplit:mysql://" + cluster.hostList() + "/" + cluster.database(),
                    connection.getMetaData().getURL());
        }
    }

    @Test
    void aDataSourceGivesConnectionsOfOneSharedClusterAndReportsStats() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource()) {
            dataSource.setUrl(cluster.rwsplitUrl());
            for (int i = 0; i < 3; i++) {
                try (Connection connection = dataSource.getConnection()) {
                    assertTrue(ServedBy.serverId(cluster, connection).isReplica());
                }
            }
            long reads = dataSource.getClusterStats().replicas().stream().mapToLong(r -> r.reads()).sum();
            assertEquals(3, reads);
        }
    }

    @Test
    void closingTheConnectionClosesEveryStatementStillOpenAndGivesTheirConnectionsBack() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource()) {
            dataSource.setUrl(cluster.rwsplitUrl());
            Connection connection = dataSource.getConnection();
            Statement plain = connection.createStatement();
            Statement closedFirst = connection.createStatement();
            PreparedStatement prepared = connection.prepareStatement("SELECT ?");
            CallableStatement callable = connection.prepareCall("SELECT 1");
            Statement reading = connection.createStatement();
            ResultSet rows = reading.executeQuery("SELECT 1 UNION ALL SELECT 2");
            assertTrue(rows.next());
            closedFirst.close();
            assertEquals(1, borrowed(dataSource), "the open result set holds a replica connection");

            connection.close();

            for (Statement statement : new Statement[] {plain, prepared, callable, closedFirst, reading}) {
                assertTrue(statement.isClosed());
            }
            assertTrue(rows.isClosed());
            assertEquals(0, borrowed(dataSource), "every physical connection is back in its pool");
        }
    }

    private static int borrowed(RwSplitDataSource dataSource) {
        return dataSource.getClusterStats().nodes().stream().mapToInt(node -> node.borrowed()).sum();
    }

    @Test
    void closedObjectsRefuseWork() throws SQLException {
        Connection connection = connect();
        Statement statement = connection.createStatement();
        connection.close();
        assertTrue(connection.isClosed());
        // As with Connector/J: closing a connection closes its statements.
        assertEquals("S1009", assertThrows(SQLException.class, () -> statement.executeQuery("SELECT 1")).getSQLState());
        assertEquals("08003", assertThrows(SQLException.class, connection::createStatement).getSQLState());
        assertFalse(connection.isValid(1));
    }
}
