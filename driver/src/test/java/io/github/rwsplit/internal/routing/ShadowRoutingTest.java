package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.StubCluster;
import io.github.rwsplit.metrics.PrimaryReason;
import io.github.rwsplit.metrics.ShadowStats;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shadow mode against in-memory nodes: every statement runs on the primary, and the counts say where routing would
 * have sent it and why the primary's share stays there. ShadowModeIT checks the same against real servers.
 */
class ShadowRoutingTest extends StubRoutingTest {
    ShadowRoutingTest() {
        super("jdbc:rwsplit:mysql://p,r1,r2/app?routing=shadow");
    }

    private ShadowStats shadow() {
        return routed.router().stats().shadow();
    }

    @Test
    void readsRunOnThePrimaryAndCountOnTheReplicasTheyWouldHaveUsed() throws SQLException {
        for (int i = 0; i < 4; i++) {
            assertEquals("p", routed.run("SELECT * FROM t WHERE id = " + i));
        }
        assertEquals(2, shadow().wouldRunOn("r1:3306"));
        assertEquals(2, shadow().wouldRunOn("r2:3306"));
        assertEquals(0, shadow().wouldRunOn("p:3306"));
        assertEquals(List.of(), stubs.node("r1").executed());
        assertEquals(List.of(), stubs.node("r2").executed());
    }

    @Test
    void writesCountOnThePrimaryAsWrites() throws SQLException {
        assertEquals("p", routed.run("INSERT INTO t VALUES (1)"));
        assertEquals("p", routed.run("this is not sql at all"));
        assertEquals(2, shadow().wouldRunOn("p:3306"));
        assertEquals(2, shadow().primary(PrimaryReason.WRITE));
    }

    @Test
    void readsThatNeedThePrimaryCountWhy() throws SQLException {
        routed.run("SELECT * FROM t FOR UPDATE");
        routed.run("/*rwsplit:primary*/ SELECT * FROM t");
        routed.run("CREATE TEMPORARY TABLE tmp (a INT)");
        routed.run("SELECT * FROM tmp");
        assertEquals(1, shadow().primary(PrimaryReason.SESSION_BOUND_READ));
        assertEquals(1, shadow().primary(PrimaryReason.HINT));
        assertEquals(1, shadow().primary(PrimaryReason.SESSION_PINNING));
        assertEquals(1, shadow().primary(PrimaryReason.WRITE));
        assertEquals(4, shadow().wouldRunOn("p:3306"));
    }

    @Test
    void aReadWriteTransactionCountsEveryStatementOnThePrimary() throws SQLException {
        routed.session().autoCommit(false);
        assertEquals("p", routed.run("SELECT * FROM t"));
        assertEquals("p", routed.run("UPDATE t SET a = 1"));
        routed.session().commit();
        assertEquals(2, shadow().primary(PrimaryReason.TRANSACTION));
    }

    @Test
    void aReadOnlyTransactionRunsOnThePrimaryAndCountsOnOneReplica() throws SQLException {
        routed.session().readOnly(true);
        routed.session().autoCommit(false);
        assertEquals("p", routed.run("SELECT 1"));
        assertEquals("p", routed.run("SELECT 2"));
        routed.session().commit();
        assertEquals(2, shadow().wouldRunOn("r1:3306") + shadow().wouldRunOn("r2:3306"));
        assertTrue(shadow().wouldRunOn("r1:3306") == 2 || shadow().wouldRunOn("r2:3306") == 2,
                "a transaction would run whole on one replica");
        assertEquals(List.of(), stubs.node("r1").executed());
        assertEquals(List.of(), stubs.node("r2").executed());
    }

    @Test
    void readsWithNoUsableReplicaCountAsNoReplica() throws SQLException {
        stubs.node("r1").down();
        stubs.node("r2").lagging(60_000);
        assertEquals("p", routed.run("SELECT * FROM t"));
        assertEquals(1, shadow().primary(PrimaryReason.NO_REPLICA));
    }

    @Test
    void lockTablesKeepsLaterStatementsOnThePrimaryAsLockedTables() throws SQLException {
        routed.run("LOCK TABLES t READ");
        assertEquals("p", routed.run("SELECT * FROM t"));
        assertEquals(1, shadow().primary(PrimaryReason.LOCKED_TABLES));
    }

    @Test
    void routingModeCountsNothing() throws SQLException {
        try (StubCluster routedStubs = StubCluster.of("jdbc:rwsplit:mysql://p,r1,r2/app")) {
            RoutedSession split = new RoutedSession(routedStubs);
            assertTrue(split.run("SELECT 1").startsWith("r"));
            assertEquals(ShadowStats.NONE, split.router().stats().shadow());
        }
    }
}
