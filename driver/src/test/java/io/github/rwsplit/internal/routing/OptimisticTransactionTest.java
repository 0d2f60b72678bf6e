package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.StubFailures;
import io.github.rwsplit.internal.cluster.StubNode;
import io.github.rwsplit.metrics.OptimisticStats;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Optimistic read-write transactions against in-memory nodes (docs/optimistic-transactions.md): where each statement
 * runs, what the move to the primary replays and compares, and each outcome's counter. The integration tests check
 * the same against real servers.
 */
class OptimisticTransactionTest extends StubRoutingTest {
    private static final String URL = "jdbc:rwsplit:mysql://p,r1,r2/app?optimisticTransactions=true";
    private static final String BALANCE = "SELECT balance FROM accounts WHERE id = 1";

    OptimisticTransactionTest() {
        super(URL);
    }

    /** Every node answers these reads alike unless a test scripts otherwise (by default a stub answers its name). */
    @BeforeEach
    void sameRowsEverywhere() {
        scriptSameRows();
    }

    private void scriptSameRows() {
        everywhere(100);
        for (String read : List.of("SELECT 1", "SELECT 2", "SELECT 3")) {
            stubs.nodes().forEach(node -> node.answer(read, "same"));
        }
    }

    @Override
    void reconnect(String url) {
        super.reconnect(url);
        scriptSameRows();
    }

    private OptimisticStats stats() {
        return routed.router().stats().optimistic();
    }

    private static List<Object[]> rows(Object... values) {
        return java.util.Arrays.stream(values).map(value -> new Object[] {value}).toList();
    }

    private void balances(StubNode node, Object... values) {
        node.answer("FROM accounts", List.of("balance"), rows(values));
    }

    private void everywhere(Object... values) {
        stubs.nodes().forEach(node -> balances(node, values));
    }

    @Test
    void readsBeforeTheFirstWriteRunOnOneReplicaAndTheWriteMovesTheTransactionAfterReplayingThem()
            throws SQLException {
        routed.session().autoCommit(false);
        String replica = routed.read(BALANCE);
        assertTrue(replica.startsWith("r"), replica);
        assertEquals(replica, routed.read("SELECT balance FROM accounts WHERE id = 2"));
        stubs.clearRecords();

        assertEquals("p", routed.run("UPDATE accounts SET balance = 90 WHERE id = 1"));
        assertEquals(List.of(BALANCE, "SELECT balance FROM accounts WHERE id = 2",
                "UPDATE accounts SET balance = 90 WHERE id = 1"), stubs.primary().executed());
        assertEquals(List.of("ROLLBACK"), stubs.node(replica).executed(), "the replica's transaction ends");
        assertEquals("p", routed.read(BALANCE), "the rest of the transaction stays on the primary");
        routed.session().commit();
        assertEquals("COMMIT", stubs.primary().lastExecuted());
        assertEquals(new OptimisticStats(1, 0, 1, 0), stats());
    }

    @Test
    void aReadWhoseRowsChangedOnThePrimaryRollsBackWith40001AndTheWriteNeverRuns() throws SQLException {
        stubs.replicas().forEach(replica -> balances(replica, 100));
        balances(stubs.primary(), 90);
        routed.session().autoCommit(false);
        routed.read(BALANCE);

        SQLException refused = assertThrows(SQLException.class,
                () -> routed.run("UPDATE accounts SET balance = balance - 10 WHERE id = 1"));
        assertTrue(refused instanceof SQLTransactionRollbackException, refused.toString());
        assertEquals("40001", refused.getSQLState());
        assertTrue(refused.getMessage().contains(BALANCE), refused.getMessage());
        assertTrue(refused.getMessage().contains("nothing of it was committed"), refused.getMessage());
        assertEquals(List.of(BALANCE, "ROLLBACK"), stubs.primary().executed());
        assertFalse(routed.session().inTransaction(), "the transaction is over, as after a deadlock");
        assertEquals(new OptimisticStats(1, 0, 0, 1), stats());
        assertEquals("p", routed.read(BALANCE), "the retry runs on the primary, where it cannot be refused again");
        routed.session().commit();
        assertTrue(routed.read(BALANCE).startsWith("r"), "later transactions begin on replicas again");
    }

    @Test
    void anEmptyResultThatIsNoLongerEmptyOnThePrimaryIsAChange() throws SQLException {
        stubs.replicas().forEach(replica -> balances(replica));
        balances(stubs.primary(), 5);
        routed.session().autoCommit(false);
        routed.read(BALANCE);

        assertEquals("40001", assertThrows(SQLException.class,
                () -> routed.run("INSERT INTO accounts VALUES (1, 0)")).getSQLState());
    }

    @Test
    void onlyTheRowsTheApplicationReadAreCompared() throws SQLException {
        stubs.replicas().forEach(replica -> balances(replica, 1, 2, 3));
        balances(stubs.primary(), 1, 9, 9);
        routed.session().autoCommit(false);
        try (ResultSet results = routed.query(BALANCE)) {
            assertTrue(results.next());
        }

        assertEquals("p", routed.run("UPDATE accounts SET balance = 0"));
        assertEquals(new OptimisticStats(1, 0, 1, 0), stats());
    }

    @Test
    void anOpenResultSetIsVerifiedOverItsRowsSoFarAndReadsTheRestFromThePrimary() throws SQLException {
        stubs.replicas().forEach(replica -> balances(replica, 1, 2, 3));
        balances(stubs.primary(), 1, 2, 4);
        routed.session().autoCommit(false);
        try (ResultSet results = routed.query(BALANCE)) {
            assertTrue(results.next());
            assertTrue(results.next());
            assertEquals("p", routed.run("UPDATE accounts SET balance = 0 WHERE id = 9"));
            assertEquals(2, results.getInt(1), "the current row stays the same");
            assertTrue(results.next());
            assertEquals(4, results.getInt(1), "later rows come from the primary");
            assertFalse(results.next());
        }
        assertEquals(new OptimisticStats(1, 0, 1, 0), stats());
    }

    @Test
    void anOpenResultSetWhoseRowsSoFarDifferRefusesTheTransaction() throws SQLException {
        stubs.replicas().forEach(replica -> balances(replica, 1, 2, 3));
        balances(stubs.primary(), 1, 5, 3);
        routed.session().autoCommit(false);
        try (ResultSet results = routed.query(BALANCE)) {
            results.next();
            results.next();
            assertEquals("40001", assertThrows(SQLException.class,
                    () -> routed.run("UPDATE accounts SET balance = 0")).getSQLState());
        }
    }

    @Test
    void aTransactionThatOnlyReadsEndsOnItsReplicaAndNeverTouchesThePrimary() throws SQLException {
        routed.session().autoCommit(false);
        String replica = routed.read(BALANCE);
        routed.read("SELECT 2");
        routed.session().commit();
        routed.read(BALANCE);
        routed.session().rollback();

        assertEquals(List.of(), stubs.primary().executed());
        assertTrue(stubs.node(replica).executed().contains("COMMIT"));
        assertEquals(new OptimisticStats(2, 2, 0, 0), stats());
    }

    @Test
    void sqlCommitEndsTheTransactionOnItsReplica() throws SQLException {
        routed.session().autoCommit(false);
        String replica = routed.read(BALANCE);
        assertEquals(replica, routed.run("COMMIT"));
        assertEquals(new OptimisticStats(1, 1, 0, 0), stats());
    }

    @Test
    void commitAndChainEndsTheTransactionOnItsReplicaAndTheNextOneStartsThereWithAnEmptyLog() throws SQLException {
        routed.session().autoCommit(false);
        String replica = routed.read(BALANCE);
        assertEquals(replica, routed.run("COMMIT AND CHAIN"));
        assertEquals(replica, routed.read("SELECT 2"));
        stubs.clearRecords();
        assertEquals("p", routed.run("UPDATE accounts SET balance = 0"));
        assertEquals(List.of("SELECT 2", "UPDATE accounts SET balance = 0"), stubs.primary().executed(),
                "only the new transaction's read runs again");
        assertEquals(new OptimisticStats(2, 1, 1, 0), stats());
    }

    @Test
    void aLockingReadMovesTheTransactionAndEverythingAfterItStaysOnThePrimary() throws SQLException {
        routed.session().autoCommit(false);
        routed.read(BALANCE);
        assertEquals("p", routed.run("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE"));
        assertEquals("p", routed.read("SELECT 1"));
        assertEquals("p", routed.read(BALANCE));
        assertEquals(new OptimisticStats(1, 0, 1, 0), stats());
    }

    @Test
    void statementsThatNeedThePrimaryMoveTheTransaction() throws SQLException {
        for (String sql : List.of("SELECT LAST_INSERT_ID()", "/*rwsplit:primary*/ SELECT 1", "SELECT @x",
                "SAVEPOINT a", "SELECT 1; SELECT 2", "CREATE TABLE t (a INT)", "SHOW TABLES", "SELECT NOW()",
                "SELECT @@server_id", "select rand() from t", "SELECT UUID()")) {
            reconnect(URL);
            routed.session().autoCommit(false);
            assertTrue(routed.read(BALANCE).startsWith("r"), sql);
            assertEquals("p", routed.run(sql), sql);
            assertEquals(new OptimisticStats(1, 0, 1, 0), stats(), sql);
        }
    }

    @Test
    void aTransactionWhoseFirstStatementNeedsThePrimaryBeginsThere() throws SQLException {
        routed.session().autoCommit(false);
        assertEquals("p", routed.run("INSERT INTO accounts VALUES (3, 0)"));
        assertEquals("p", routed.read(BALANCE));
        assertEquals(new OptimisticStats(0, 0, 0, 0), stats());
    }

    @Test
    void theReadBeyondTheReplayLimitMovesTheTransactionAtOnce() throws SQLException {
        reconnect(URL + "&optimisticReplayLimit=2");
        routed.session().autoCommit(false);
        assertTrue(routed.read("SELECT 1").startsWith("r"));
        assertTrue(routed.read("SELECT 2").startsWith("r"));
        stubs.clearRecords();
        assertEquals("p", routed.read("SELECT 3"));
        assertEquals(List.of("SELECT 1", "SELECT 2", "SELECT 3"), stubs.primary().executed());
        assertEquals(new OptimisticStats(1, 0, 1, 0), stats());
    }

    @Test
    void aSerializableTransactionBeginsOnThePrimary() throws SQLException {
        routed.session().changeSession(routed.session().session().withIsolation(Connection.TRANSACTION_SERIALIZABLE));
        routed.session().autoCommit(false);
        assertEquals("p", routed.read(BALANCE));
        routed.session().commit();

        routed.session().changeSession(routed.session().session().withIsolation(Connection.TRANSACTION_READ_COMMITTED));
        routed.run("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertEquals("p", routed.read(BALANCE));
        assertEquals(new OptimisticStats(0, 0, 0, 0), stats());
    }

    @Test
    void anExplicitReadWriteTransactionBeginsOnThePrimary() throws SQLException {
        assertEquals("p", routed.run("START TRANSACTION READ WRITE"));
        assertEquals("p", routed.read(BALANCE));
    }

    @Test
    void aSavepointMovesTheTransactionBeforeItIsSet() throws SQLException {
        routed.session().autoCommit(false);
        routed.read(BALANCE);
        PhysicalConnection transaction = routed.session().transactionForSavepoint();
        assertTrue(transaction.node().isPrimary());
        assertEquals(new OptimisticStats(1, 0, 1, 0), stats());
    }

    @Test
    void aSavepointBeforeAnyStatementBeginsTheTransactionOnThePrimary() throws SQLException {
        routed.session().autoCommit(false);
        assertTrue(routed.session().transactionForSavepoint().node().isPrimary());
        assertEquals("p", routed.read(BALANCE));
        assertEquals(new OptimisticStats(0, 0, 0, 0), stats());
    }

    @Test
    void beginUnderAutocommitOpensTheTransactionOnAReplicaAndAgainOnThePrimaryAtTheMove() throws SQLException {
        String replica = routed.run("BEGIN");
        assertTrue(replica.startsWith("r"), replica);
        assertEquals(replica, routed.read(BALANCE));
        assertEquals("p", routed.run("UPDATE accounts SET balance = 1"));
        assertEquals(List.of("BEGIN", BALANCE, "UPDATE accounts SET balance = 1"), stubs.primary().executed());
        assertEquals("p", routed.run("COMMIT"));
        assertFalse(routed.session().inTransaction());
        assertTrue(routed.read(BALANCE).startsWith("r"), "after COMMIT reads spread again");
    }

    @Test
    void aReadOnlyConnectionsTransactionIsNoOptimisticOne() throws SQLException {
        routed.session().readOnly(true);
        routed.session().autoCommit(false);
        assertTrue(routed.read(BALANCE).startsWith("r"));
        assertEquals("25006", assertThrows(SQLException.class, () -> routed.run("DELETE FROM accounts"))
                .getSQLState());
        assertEquals(new OptimisticStats(0, 0, 0, 0), stats());
    }

    @Test
    void withTheOptionOffATransactionRunsWhollyOnThePrimary() throws SQLException {
        reconnect("jdbc:rwsplit:mysql://p,r1,r2/app");
        routed.session().autoCommit(false);
        assertEquals("p", routed.read(BALANCE));
        assertEquals(new OptimisticStats(0, 0, 0, 0), stats());
    }

    @Test
    void aReplicaThatBreaksMidTransactionLosesItLikeAnyBrokenTransaction() throws SQLException {
        routed.session().autoCommit(false);
        String replica = routed.read(BALANCE);
        stubs.node(replica).failNext(StubFailures.communicationsFailure());

        assertTrue(assertThrows(SQLException.class, () -> routed.read("SELECT 2")).getSQLState().startsWith("08"));
        assertEquals("08003", assertThrows(SQLException.class, () -> routed.run("UPDATE accounts SET balance = 0"))
                .getSQLState());
        assertEquals(List.of(), stubs.primary().executed(), "nothing reached the primary");
        routed.session().rollback();
        assertEquals("p", routed.run("UPDATE accounts SET balance = 0"));
        assertEquals(new OptimisticStats(1, 0, 0, 0), stats(), "lost: in no outcome");
    }

    @Test
    void aPrimaryThatCannotBeReachedAtTheMoveFailsTheStatementAndLeavesTheTransactionOnItsReplica()
            throws SQLException {
        routed.session().autoCommit(false);
        String replica = routed.read(BALANCE);
        stubs.primary().down();

        assertTrue(assertThrows(SQLException.class, () -> routed.run("UPDATE accounts SET balance = 0"))
                .getSQLState().startsWith("08"));
        assertEquals(replica, routed.read("SELECT 2"), "the transaction goes on on its replica");
        routed.session().rollback();
        assertEquals(new OptimisticStats(1, 1, 0, 0), stats());
    }

    @Test
    void aPrimaryThatBreaksDuringTheReplayFailsTheStatementWith08() throws SQLException {
        routed.session().autoCommit(false);
        routed.read(BALANCE);
        stubs.primary().failNext(StubFailures.communicationsFailure());

        SQLException failure = assertThrows(SQLException.class, () -> routed.run("UPDATE accounts SET balance = 0"));
        assertTrue(failure.getSQLState().startsWith("08"), failure.toString());
        assertTrue(failure.getMessage().contains("p"), failure.getMessage());
        assertNull(routed.session().lostTransaction());
        assertEquals(1, stubs.primary().discarded());
    }

    @Test
    void readYourWritesChoosesTheReplicaTheTransactionBeginsOn() throws SQLException {
        routed.run("INSERT INTO accounts VALUES (1, 100)");
        String gtid = stubs.lastGtid();
        stubs.node("r1").applied(gtid);
        stubs.node("r2").waitResult(-1);
        routed.session().autoCommit(false);
        assertEquals("r1", routed.read(BALANCE));
        assertEquals("r1", routed.read(BALANCE));
    }
}
