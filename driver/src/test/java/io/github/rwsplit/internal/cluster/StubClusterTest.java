package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory cluster routing tests are built on: what its nodes answer, record and fail with. */
class StubClusterTest {
    private final StubCluster stubs = StubCluster.of("jdbc:rwsplit:mysql://p,r1,r2/app");

    @AfterEach
    void close() {
        stubs.close();
    }

    private static String selectOne(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next());
            return row.getString(1);
        }
    }

    @Test
    void theClusterLooksStartedWithEveryNodeUp() {
        Cluster cluster = stubs.cluster();
        assertSame(stubs.node("p").node(), cluster.primary());
        assertEquals(List.of(stubs.node("r1").node(), stubs.node("r2").node()), cluster.replicas());
        assertTrue(cluster.topology().anyReplicaUsable());
        for (StubNode node : stubs.nodes()) {
            assertEquals(NodeStatus.UP, node.status());
        }
        assertEquals(0, stubs.node("r1").node().health().lagMillis());
        assertEquals("app", stubs.config().database());
    }

    @Test
    void aQueryAnswersTheNodesNameAndIsRecordedWithIt() throws SQLException {
        PhysicalConnection connection = stubs.node("r1").node().borrow();
        assertEquals("r1", selectOne(connection.connection(), "SELECT name FROM t"));
        connection.giveBack();
        assertEquals(List.of("SELECT name FROM t"), stubs.node("r1").executed());
        assertEquals(List.of("r1: SELECT name FROM t"), stubs.executed());
        assertEquals(1, stubs.node("r1").borrowed());
        assertEquals(1, stubs.node("r1").givenBack());
        assertEquals(0, stubs.node("r1").inUse());
    }

    @Test
    void theReadYourWritesWaitAnswersZeroUnlessScripted() throws SQLException {
        PhysicalConnection connection = stubs.node("r2").node().borrow();
        try (PreparedStatement wait = connection.connection().prepareStatement(ServerFlavor.MARIADB.waitForPosition())) {
            wait.setString(1, "0-1-5");
            try (ResultSet result = wait.executeQuery()) {
                assertTrue(result.next());
                assertEquals(0, result.getLong(1));
                assertFalse(result.wasNull());
            }
            stubs.node("r2").waitResult(-1);
            try (ResultSet result = wait.executeQuery()) {
                assertTrue(result.next());
                assertEquals(-1, result.getLong(1));
            }
        }
        assertEquals(List.of(ServerFlavor.MARIADB.waitForPosition()), stubs.node("r2").prepared());
    }

    @Test
    void scriptedAnswersWinOverTheDefault() throws SQLException {
        stubs.node("p").answer("FROM accounts", 42L, "alice");
        Connection connection = stubs.node("p").node().borrow().connection();
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT id, name FROM accounts")) {
            assertTrue(row.next());
            assertEquals(42, row.getInt("c1"));
            assertEquals("alice", row.getString(2));
            assertFalse(row.next());
        }
    }

    @Test
    void aScriptedConnectionFailureFailsOnceAndBreaksTheSession() throws SQLException {
        stubs.node("r1").failNext(StubFailures.communicationsFailure());
        PhysicalConnection connection = stubs.node("r1").node().borrow();
        SQLException failure = assertThrows(SQLException.class, () -> selectOne(connection.connection(), "SELECT 1"));
        assertEquals("08S01", failure.getSQLState());
        assertTrue(ConnectionFailures.isConnectionFailure(failure));
        assertThrows(SQLException.class, () -> selectOne(connection.connection(), "SELECT 1"));
        connection.discard();
        assertEquals(1, stubs.node("r1").discarded());
        PhysicalConnection next = stubs.node("r1").node().borrow();
        assertEquals("r1", selectOne(next.connection(), "SELECT 1"));
        assertEquals(List.of("SELECT 1", "SELECT 1"), stubs.node("r1").executed());
    }

    @Test
    void theScriptedFailuresHaveConnectorJsShapes() {
        SQLException socketTimeout = StubFailures.socketTimeout();
        assertEquals("08S01", socketTimeout.getSQLState());
        assertTrue(CheckOutcome.isTimeout(socketTimeout));
        SQLException queryTimeout = StubFailures.queryTimeout();
        assertInstanceOf(SQLTimeoutException.class, queryTimeout);
        assertEquals("70100", queryTimeout.getSQLState());
        assertFalse(ConnectionFailures.isConnectionFailure(queryTimeout));
        assertEquals("42000", StubFailures.syntaxError().getSQLState());
        assertFalse(ConnectionFailures.isConnectionFailure(StubFailures.syntaxError()));
    }

    @Test
    void anOrdinaryErrorLeavesTheSessionUsable() throws SQLException {
        stubs.node("p").failNext(StubFailures.syntaxError());
        Connection connection = stubs.node("p").node().borrow().connection();
        assertThrows(SQLException.class, () -> selectOne(connection, "SELEC 1"));
        assertEquals("p", selectOne(connection, "SELECT 1"));
    }

    @Test
    void borrowsCanBeRefusedOrSaturated() {
        stubs.node("r1").refuseBorrows();
        SQLException refused = assertThrows(SQLException.class, () -> stubs.node("r1").node().borrow());
        assertEquals("08001", refused.getSQLState());
        assertTrue(refused.getMessage().contains("r1"));
        stubs.node("r2").saturate();
        SQLException saturated = assertThrows(SQLException.class, () -> stubs.node("r2").node().borrow());
        assertInstanceOf(NodeSaturatedException.class, saturated);
        assertNull(saturated.getSQLState());
        assertFalse(ConnectionFailures.isConnectionFailure(saturated));
        assertEquals(1, stubs.node("r1").refusedBorrows());
        assertEquals(1, stubs.node("r2").saturatedBorrows());
    }

    @Test
    void healthSetByTheTestRebuildsTheTopology() {
        stubs.node("r1").lagging(9000);
        stubs.node("r2").down();
        assertFalse(stubs.cluster().topology().anyReplicaUsable());
        assertEquals(9000, stubs.node("r1").node().health().lagMillis());
        assertThrows(SQLException.class, () -> stubs.node("r2").node().borrow());
        stubs.node("r2").up();
        assertTrue(stubs.cluster().topology().anyReplicaUsable());
    }

    @Test
    void sessionsAreReusedAndThePoolResetsWhatItsHandleChanged() throws SQLException {
        PhysicalConnection first = stubs.node("p").node().borrow();
        first.connection().setAutoCommit(false);
        first.server().setCatalog("other");
        try (Statement statement = first.connection().createStatement()) {
            statement.executeUpdate("INSERT INTO t VALUES (1)");
        }
        first.giveBack();
        PhysicalConnection second = stubs.node("p").node().borrow();
        assertSame(first.server(), second.server());
        assertTrue(second.connection().getAutoCommit());
        assertEquals("other", second.connection().getCatalog());
        assertEquals(List.of("INSERT INTO t VALUES (1)", "ROLLBACK"), stubs.node("p").executed());
        assertInstanceOf(JdbcConnection.class, second.connection().unwrap(JdbcConnection.class));
    }

    @Test
    void writesAndCommitsReportTheirGtids() throws SQLException {
        PhysicalConnection connection = stubs.node("p").node().borrow();
        try (Statement statement = connection.connection().createStatement()) {
            statement.executeUpdate("UPDATE t SET a = 1");
            assertEquals("0-1-1", connection.committedGtids().toString());
            connection.connection().setAutoCommit(false);
            statement.executeUpdate("UPDATE t SET a = 2");
            assertTrue(connection.inTransactionOnServer());
            connection.connection().commit();
        }
        assertFalse(connection.inTransactionOnServer());
        assertEquals("0-1-2", connection.committedGtids().toString());
        assertTrue(connection.serverAssignsGtids());
        assertEquals("0-1-2", stubs.lastGtid());
    }

    @Test
    void aStalledExecutionFailsWhenItsSessionIsAborted() throws Exception {
        stubs.node("r1").stallNext();
        PhysicalConnection connection = stubs.node("r1").node().borrow();
        Thread aborter = new Thread(() -> {
            sleep(50);
            connection.abort();
        });
        aborter.start();
        SQLException failure = assertThrows(SQLException.class, () -> selectOne(connection.connection(), "SELECT 1"));
        aborter.join();
        assertEquals("08S01", failure.getSQLState());
        assertEquals(1, stubs.node("r1").aborted());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
