package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.NodeStatus;
import io.github.rwsplit.internal.cluster.StubFailures;
import io.github.rwsplit.internal.cluster.StubNode;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** readAffinity=connection: a logical connection keeps its replica while that replica may serve its reads. */
class ReadAffinityTest extends StubRoutingTest {
    ReadAffinityTest() {
        super("jdbc:rwsplit:mysql://p,r1,r2/app?readAffinity=connection");
    }

    private List<String> reads(RoutedSession session, int count) throws SQLException {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            served.add(session.run("SELECT " + i));
        }
        return served;
    }

    private StubNode other(String replica) {
        return stubs.node(replica.equals("r1") ? "r2" : "r1");
    }

    @Test
    void everyReadOfAConnectionRunsOnTheReplicaItsFirstReadWasGiven() throws SQLException {
        List<String> served = reads(routed, 6);
        assertTrue(served.get(0).startsWith("r"), served.toString());
        assertEquals(1, served.stream().distinct().count(), served.toString());
        assertEquals(6, stubs.node(served.get(0)).borrowed(), "each read still borrows a connection for itself");
    }

    @Test
    void connectionsAreSpreadOverTheReplicasByTheBalancer() throws SQLException {
        RoutedSession second = new RoutedSession(stubs);
        String first = routed.run("SELECT 1");
        assertNotEquals(first, second.run("SELECT 1"), "round robin gives the next connection the next replica");
        assertEquals(first, routed.run("SELECT 2"));
    }

    @Test
    void writesAndTransactionsStillGoWhereTheyWouldWithoutAffinity() throws SQLException {
        routed.run("SELECT 1");
        assertEquals("p", routed.run("INSERT INTO t VALUES (1)"));
        routed.session().autoCommit(false);
        assertEquals("p", routed.run("SELECT 2"));
        routed.session().commit();
    }

    @Test
    void aKeptReplicaThatGoesDownIsLeftAndTheConnectionStaysOnTheNextOne() throws SQLException {
        String kept = routed.run("SELECT 1");
        stubs.node(kept).down();
        String next = routed.run("SELECT 2");
        assertEquals(other(kept).name(), next);
        stubs.node(kept).up();
        assertEquals(List.of(next, next, next), reads(routed, 3), "no switch back once the first one returns");
    }

    @Test
    void aKeptReplicaTooFarBehindIsLeft() throws SQLException {
        String kept = routed.run("SELECT 1");
        stubs.node(kept).lagging(60_000);
        assertEquals(other(kept).name(), routed.run("SELECT 2"));
    }

    @Test
    void aReadWhoseMaxLagHintTheKeptReplicaMissesRunsWhereTheHintAllows() throws SQLException {
        String kept = routed.run("SELECT 1");
        stubs.node(kept).up(2_000);
        other(kept).up(100);
        assertEquals(other(kept).name(), routed.run("/*rwsplit:maxLag=500ms*/ SELECT 2"));
    }

    @Test
    void aReadWhoseConnectionBrokeOnTheKeptReplicaRunsOnceMoreElsewhereAndStaysThere() throws SQLException {
        String kept = routed.run("SELECT 1");
        StubNode failing = stubs.node(kept).failNext(StubFailures.communicationsFailure());
        String retried = routed.run("SELECT 2");
        assertEquals(other(kept).name(), retried);
        assertEquals(NodeStatus.SUSPECT, failing.status(), "the replica leaves rotation at once");
        failing.up();
        assertEquals(List.of(retried, retried), reads(routed, 2));
    }

    @Test
    void withNoReplicaLeftReadsFallBackToThePrimaryAndReturnToAReplicaAfterwards() throws SQLException {
        String kept = routed.run("SELECT 1");
        stubs.node("r1").down();
        stubs.node("r2").down();
        assertEquals("p", routed.run("SELECT 2"));
        stubs.node(kept).up();
        assertEquals(kept, routed.run("SELECT 3"));
    }
}
