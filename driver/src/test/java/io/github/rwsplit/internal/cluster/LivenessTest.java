package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Dead versus slow: when missed checks, refusals and errors in use make a node suspect or down, and what clears it. */
class LivenessTest {
    private static final NodeHealth UP = NodeHealth.up(-1);

    private long nowNanos;
    private final Liveness liveness = new Liveness(Duration.ofSeconds(5), () -> nowNanos);

    private void at(long millis) {
        nowNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Misses one check at each of these instants, starting from {@code start}; returns the last verdict. */
    private NodeHealth missAt(NodeHealth start, long... millis) {
        NodeHealth health = start;
        for (long instant : millis) {
            at(instant);
            health = liveness.missed(health, "no answer within 1000 ms");
        }
        return health;
    }

    @Test
    void oneMissedCheckMakesAnUpNodeSuspect() {
        NodeHealth health = missAt(UP, 0);
        assertEquals(NodeStatus.SUSPECT, health.status());
        assertTrue(health.detail().contains("no answer within 1000 ms"), health.detail());
        assertEquals(1, liveness.misses());
    }

    @Test
    void aSuspectNodeIsNotUpForRouting() {
        assertTrue(!missAt(UP, 0).isUp());
    }

    @Test
    void suspicionKeepsTheLastMeasuredLag() {
        assertEquals(1200, missAt(NodeHealth.lagging(1200, "lag 1200 ms"), 0).lagMillis());
    }

    @Test
    void oneAnswerClearsSuspicion() {
        NodeHealth suspect = missAt(UP, 0, 1000);
        NodeHealth verdict = NodeHealth.up(10);
        assertSame(verdict, liveness.answered(verdict));
        assertEquals(0, liveness.misses());
        assertEquals(NodeStatus.SUSPECT, suspect.status());
    }

    @Test
    void aLaggingAnswerAfterSuspicionStands() {
        missAt(UP, 0);
        assertEquals(NodeStatus.LAGGING, liveness.answered(NodeHealth.lagging(9000, "lag 9000 ms")).status());
    }

    @Test
    void threeMissesWithinDownAfterLeaveTheNodeSuspect() {
        assertEquals(NodeStatus.SUSPECT, missAt(UP, 0, 1000, 2000, 3000, 4000).status());
    }

    @Test
    void twoMissesStaySuspectHoweverLongTheSilence() {
        assertEquals(NodeStatus.SUSPECT, missAt(UP, 0, 60_000).status());
    }

    @Test
    void threeMissesSpanningDownAfterMakeTheNodeDown() {
        NodeHealth health = missAt(UP, 0, 2500, 5000);
        assertEquals(NodeStatus.DOWN, health.status());
    }

    @Test
    void downAfterIsReachedExactlyAtItsDuration() {
        NodeHealth suspect = missAt(UP, 0, 2000, 4999);
        assertEquals(NodeStatus.SUSPECT, suspect.status());
        assertEquals(NodeStatus.DOWN, missAt(suspect, 5000).status());
    }

    @Test
    void theDownVerdictNamesTheMissesAndTheSilence() {
        String detail = missAt(UP, 0, 2500, 5000).detail();
        assertTrue(detail.contains("3 checks in a row over 5000 ms"), detail);
        assertTrue(detail.contains("no answer within 1000 ms"), detail);
    }

    @Test
    void aStallShorterThanDownAfterNeverMakesTheNodeDown() {
        // A 1.5 s freeze with a 1 s interval: two deadlines missed, then an answer.
        missAt(UP, 1000, 2000);
        at(2600);
        assertEquals(NodeStatus.UP, liveness.answered(UP).status());
        assertEquals(NodeStatus.SUSPECT, missAt(UP, 4000, 5000, 6000).status());
    }

    @Test
    void anAnswerBetweenMissesRestartsTheCount() {
        missAt(UP, 0, 1000);
        liveness.answered(UP);
        missAt(UP, 6000, 7000);
        assertEquals(2, liveness.misses());
    }

    @Test
    void theSilenceIsMeasuredFromTheFirstMissSinceTheLastAnswer() {
        missAt(UP, 0, 1000);
        at(1500);
        liveness.answered(UP);
        assertEquals(NodeStatus.SUSPECT, missAt(UP, 6000, 7000, 8000).status());
        assertEquals(NodeStatus.DOWN, missAt(NodeHealth.suspect(-1, "x"), 11_000).status());
    }

    @Test
    void aRefusedConnectionIsDownAtOnce() {
        NodeHealth health = liveness.refused("Connection refused");
        assertEquals(NodeStatus.DOWN, health.status());
        assertEquals("Connection refused", health.detail());
    }

    @Test
    void aRefusalForgetsEarlierMisses() {
        missAt(UP, 0, 1000);
        liveness.refused("Connection refused");
        assertEquals(0, liveness.misses());
    }

    @Test
    void aDownNodeStaysDownWhileItIsSilent() {
        NodeHealth down = liveness.refused("Connection refused");
        assertSame(down, missAt(down, 0));
        assertSame(down, missAt(down, 1000));
    }

    @Test
    void aDownNodeRejoinsAfterOneAnswer() {
        NodeHealth down = missAt(UP, 0, 2500, 5000);
        assertEquals(NodeStatus.DOWN, down.status());
        assertEquals(NodeStatus.UP, liveness.answered(UP).status());
        assertEquals(NodeStatus.SUSPECT, missAt(UP, 6000).status());
    }

    @Test
    void aConnectionErrorMakesAnUpReplicaSuspect() {
        NodeHealth health = liveness.failedInUse(UP, NodeRole.REPLICA, "Communications link failure");
        assertEquals(NodeStatus.SUSPECT, health.status());
        assertEquals("connection error in use: Communications link failure", health.detail());
    }

    @Test
    void aConnectionErrorMakesALaggingReplicaSuspectAndKeepsItsLag() {
        NodeHealth health = liveness.failedInUse(NodeHealth.lagging(7000, "lag"), NodeRole.REPLICA, "reset");
        assertEquals(NodeStatus.SUSPECT, health.status());
        assertEquals(7000, health.lagMillis());
    }

    @Test
    void aConnectionErrorLeavesThePrimaryAsItWas() {
        assertSame(UP, liveness.failedInUse(UP, NodeRole.PRIMARY, "reset"));
        NodeHealth suspect = NodeHealth.suspect(-1, "slow");
        assertSame(suspect, liveness.failedInUse(suspect, NodeRole.PRIMARY, "reset"));
    }

    @Test
    void aConnectionErrorNeitherRevivesNorWorsensADownReplica() {
        NodeHealth down = NodeHealth.down("Connection refused");
        assertSame(down, liveness.failedInUse(down, NodeRole.REPLICA, "reset"));
    }

    @Test
    void aConnectionErrorIsNotAMissedCheck() {
        liveness.failedInUse(UP, NodeRole.REPLICA, "reset");
        assertEquals(0, liveness.misses());
        assertEquals(NodeStatus.SUSPECT, missAt(UP, 0, 1000).status());
    }

    @Test
    void laterMissesSayHowManyInARow() {
        assertTrue(missAt(UP, 0, 1000).detail().endsWith("2 checks missed"));
    }
}
