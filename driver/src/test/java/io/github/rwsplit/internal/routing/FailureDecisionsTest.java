package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.NodeSaturatedException;
import io.github.rwsplit.internal.cluster.NodeStatus;
import io.github.rwsplit.internal.cluster.StubFailures;
import io.github.rwsplit.internal.cluster.StubNode;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure table of docs/routing.md against in-memory nodes: for each kind of failure, what happens to the node, the
 * physical connection, the retry and the application. Reads here start on r1 (round robin's first pick).
 */
class FailureDecisionsTest extends StubRoutingTest {
    FailureDecisionsTest() {
        super("jdbc:rwsplit:mysql://p,r1,r2/app");
    }

    /** The replica the next read would start on, scripted to fail it. */
    private StubNode firstReader() throws SQLException {
        String first = routed.run("SELECT 'warm-up'");
        stubs.clearRecords();
        // Round robin: the next read goes to the other replica.
        return stubs.node(first.equals("r1") ? "r2" : "r1");
    }

    private StubNode other(StubNode replica) {
        return stubs.node(replica.name().equals("r1") ? "r2" : "r1");
    }

    // ---- broken connections ----

    @Test
    void aReadWhoseConnectionBrokeRunsOnceMoreElsewhereAndTheApplicationSeesNoError() throws SQLException {
        StubNode failing = firstReader().failNext(StubFailures.communicationsFailure());
        String servedBy = routed.run("SELECT 1");
        assertEquals(other(failing).name(), servedBy);
        assertEquals(1, failing.discarded(), "the broken connection is never pooled");
        assertEquals(NodeStatus.SUSPECT, failing.status(), "the replica leaves rotation at once");
        assertEquals(1, failing.node().counters().retries());
    }

    @Test
    void aReadIsSentAtMostTwice() throws SQLException {
        StubNode failing = firstReader().failNext(StubFailures.communicationsFailure());
        other(failing).failNext(StubFailures.communicationsFailure());
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertTrue(failure.getSQLState().startsWith("08"), failure.getSQLState());
        assertEquals(2, stubs.executed().stream().filter(sql -> sql.endsWith("SELECT 1")).count(),
                stubs.executed().toString());
        assertEquals("", stubs.primary().executed().stream().filter(sql -> sql.equals("SELECT 1"))
                .findAny().orElse(""), "the primary never saw a third try");
    }

    @Test
    void theNamedNodeAppearsInTheErrorOfABrokenConnection() throws SQLException {
        stubs.primary().failNext(StubFailures.communicationsFailure());
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertEquals("08S01", failure.getSQLState());
        assertTrue(failure.getMessage().contains("primary p"), failure.getMessage());
    }

    @Test
    void aWriteWhoseConnectionBrokeIsNeverRetried() {
        stubs.primary().failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertEquals(List.of("INSERT INTO t VALUES (1)"), stubs.primary().executed());
        assertEquals(1, stubs.primary().discarded());
    }

    @Test
    void aBrokenPrimaryConnectionDoesNotMakeThePrimaryDown() {
        stubs.primary().failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertTrue(stubs.primary().status() != NodeStatus.DOWN, "a suspect or up primary still takes writes");
    }

    @Test
    void withRetryReadsOffAReadWhoseConnectionBrokeFails() throws SQLException {
        reconnect("jdbc:rwsplit:mysql://p,r1,r2/app?retryReads=false");
        StubNode failing = firstReader().failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals(0, other(failing).executed().size());
    }

    @Test
    void aReadWithParametersReadFromStreamsIsNotRetried() throws SQLException {
        StubNode failing = firstReader().failNext(StubFailures.communicationsFailure());
        routed.replayable(false);
        assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals(0, other(failing).executed().size());
    }

    @Test
    void aRetriedReadSkipsANodeThatRefusesConnectionsWithoutSendingItTwice() throws SQLException {
        StubNode failing = firstReader().failNext(StubFailures.communicationsFailure());
        other(failing).refuseBorrows();
        assertEquals("p", routed.run("SELECT 1"), "with both replicas out, the read falls back to the primary");
        assertEquals(1, other(failing).refusedBorrows());
    }

    @Test
    void aReplicaThatRefusesConnectionsIsSkippedBeforeAnythingIsSent() throws SQLException {
        StubNode refusing = firstReader().refuseBorrows();
        assertEquals(other(refusing).name(), routed.run("SELECT 1"));
        assertEquals(List.of(), refusing.executed());
        assertEquals(NodeStatus.SUSPECT, refusing.status());
    }

    // ---- socket timeouts ----

    @Test
    void aReadPastTheSocketTimeoutRunsOnceMoreElsewhereButLeavesTheNodesHealthToTheMonitor() throws SQLException {
        StubNode slow = firstReader().failNext(StubFailures.socketTimeout());
        assertEquals(other(slow).name(), routed.run("SELECT 1"));
        assertEquals(NodeStatus.UP, slow.status(), "a slow node is not a dead node");
        assertEquals(1, slow.discarded(), "Connector/J closed the connection; it is never pooled");
    }

    @Test
    void aWritePastTheSocketTimeoutFailsWith08NamingTheTimeout() {
        stubs.primary().failNext(StubFailures.socketTimeout());
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("UPDATE t SET a = 1"));
        assertTrue(failure.getSQLState().startsWith("08"));
        assertTrue(failure.getMessage().contains("socket timeout"), failure.getMessage());
        assertEquals(NodeStatus.UP, stubs.primary().status());
    }

    // ---- the application's own limits, cancels, statement errors ----

    @Test
    void aQueryTimeoutIsNeverRetriedAndTheConnectionGoesBackToItsPool() throws SQLException {
        StubNode reader = firstReader().failNext(StubFailures.queryTimeout());
        assertInstanceOf(SQLTimeoutException.class, assertThrows(SQLException.class, () -> routed.run("SELECT 1")));
        assertEquals(0, other(reader).executed().size());
        assertEquals(0, reader.discarded());
        assertEquals(1, reader.givenBack());
        assertEquals(NodeStatus.UP, reader.status());
    }

    @Test
    void aCancelledReadIsNeverRetriedEvenWhenItsConnectionWasCut() throws SQLException {
        StubNode reader = firstReader().failNext(StubFailures.communicationsFailure());
        routed.cancelled(true);
        assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals(0, other(reader).executed().size());
        assertEquals(NodeStatus.UP, reader.status(), "a cancel says nothing about the node");
        assertEquals(1, reader.discarded(), "a cut connection is never pooled");
    }

    @Test
    void aStatementErrorReachesTheApplicationUnchangedAndKeepsTheConnection() throws SQLException {
        StubNode reader = firstReader().failNext(StubFailures.syntaxError());
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals("42000", failure.getSQLState());
        assertEquals(1064, failure.getErrorCode());
        assertEquals(1, reader.givenBack());
        assertEquals(0, reader.discarded());
        assertEquals(NodeStatus.UP, reader.status());
    }

    @Test
    void aDeadlockReachesTheApplicationAs40001() {
        stubs.primary().failNext(StubFailures.deadlock());
        assertEquals("40001", assertThrows(SQLException.class, () -> routed.run("UPDATE t SET a = 1")).getSQLState());
    }

    // ---- saturation ----

    @Test
    void aSaturatedPrimaryFailsTheWriteTransientlyAndStaysUp() {
        stubs.primary().saturate();
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertInstanceOf(NodeSaturatedException.class, failure);
        assertNull(failure.getSQLState());
        assertEquals(NodeStatus.UP, stubs.primary().status());
        assertEquals(0, stubs.primary().errors(), "saturation is not counted as a node error");
    }

    // ---- transactions ----

    @Test
    void aTransactionWhoseConnectionBrokeIsLostUntilRolledBack() throws SQLException {
        routed.session().autoCommit(false);
        routed.run("INSERT INTO t VALUES (1)");
        stubs.primary().failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (2)"));
        SQLException lost = assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals("08003", lost.getSQLState());
        routed.session().rollback();
        assertEquals("p", routed.run("SELECT 1"), "a new transaction starts after the rollback");
    }

    @Test
    void committingALostTransactionSaysNothingWasCommitted() throws SQLException {
        routed.session().autoCommit(false);
        routed.run("INSERT INTO t VALUES (1)");
        stubs.primary().failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (2)"));
        SQLException commit = assertThrows(SQLException.class, () -> routed.session().commit());
        assertEquals("08003", commit.getSQLState());
        assertTrue(commit.getMessage().contains("nothing was committed"), commit.getMessage());
    }

    @Test
    void aCommitWhoseConnectionBrokeMayOrMayNotHaveCommitted() throws SQLException {
        routed.session().autoCommit(false);
        routed.run("INSERT INTO t VALUES (1)");
        stubs.primary().failNext(StubFailures.communicationsFailure());
        assertEquals("08007", assertThrows(SQLException.class, () -> routed.session().commit()).getSQLState());
    }

    @Test
    void aTransactionWhoseConnectionBreaksWhileBeingSetUpFailsNamingTheNode() throws SQLException {
        assertEquals("local", routed.run("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"));
        routed.session().autoCommit(false);
        stubs.primary().failNext(StubFailures.communicationsFailure());
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertEquals("08S01", failure.getSQLState());
        assertTrue(failure.getMessage().contains("primary p"), failure.getMessage());
        assertEquals(1, stubs.primary().discarded());
        assertTrue(stubs.primary().executed().stream().noneMatch(sql -> sql.startsWith("INSERT")));
    }

    @Test
    void aReadInsideATransactionIsNeverRetried() throws SQLException {
        routed.session().readOnly(true);
        routed.session().autoCommit(false);
        String pinned = routed.run("SELECT 1");
        stubs.node(pinned).failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("SELECT 2"));
        assertEquals(0, stubs.node(pinned.equals("r1") ? "r2" : "r1").executed().size());
    }

    @Test
    void aPinnedPrimarySessionThatBrokeEndsTheConnectionsUsefulness() throws SQLException {
        routed.run("CREATE TEMPORARY TABLE tmp (a INT)");
        stubs.primary().failNext(StubFailures.communicationsFailure());
        assertThrows(SQLException.class, () -> routed.run("SELECT * FROM tmp"));
        assertEquals("08003", assertThrows(SQLException.class, () -> routed.run("SELECT 1")).getSQLState());
        assertTrue(!routed.session().usable());
    }

    // ---- session sync ----

    @Test
    void aSessionSettingNoServerAcceptsIsRefusedAndLeavesNoConnectionBehind() throws SQLException {
        stubs.primary().failNext(new SQLException("Unknown or incorrect time zone: 'Nope'", "HY000", 1298));
        assertThrows(SQLException.class, () -> routed.run("SET time_zone = 'Nope'"));
        assertEquals(1, stubs.primary().discarded(), "the half-applied session is closed, never pooled");
        assertTrue(routed.session().session().isDefault(), "the connection keeps its previous settings");
        routed.run("SELECT 1");
        routed.run("INSERT INTO t VALUES (1)");
        assertTrue(stubs.executed().stream().noneMatch(sql -> sql.contains("Nope") && !sql.startsWith("p")),
                stubs.executed().toString());
    }

    // ---- read-your-writes ----

    @Test
    void afterAWriteAReadGoesToAReplicaThatHasIt() throws SQLException {
        routed.run("INSERT INTO t VALUES (1)");
        String gtid = stubs.lastGtid();
        stubs.node("r1").applied(gtid);
        stubs.node("r2").applied("0-1-0");
        stubs.node("r2").waitResult(-1);
        for (int i = 0; i < 3; i++) {
            assertEquals("r1", routed.run("SELECT 1"));
        }
    }

    @Test
    void afterAWriteNoReplicaHasAReadWaitsThenGoesToThePrimary() throws SQLException {
        routed.run("INSERT INTO t VALUES (1)");
        stubs.node("r1").waitResult(-1);
        stubs.node("r2").waitResult(-1);
        assertEquals("p", routed.run("SELECT 1"));
    }

    @Test
    void aReadThatMustSeeAWriteNeitherAReplicaNorThePrimaryCanServeFailsSayingWhy() throws SQLException {
        routed.run("INSERT INTO t VALUES (1)");
        stubs.node("r1").waitResult(-1);
        stubs.node("r2").waitResult(-1);
        stubs.primary().down();
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals("08001", failure.getSQLState());
        assertTrue(failure.getMessage().contains("last write"), failure.getMessage());
    }
}
