package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LagPolicyTest {

    @Test
    void lagAtTheBoundIsStillUsable() {
        LagPolicy policy = new LagPolicy(5_000, null);
        assertEquals(NodeStatus.UP, policy.verdict(5_000).status());
        assertEquals(5_000, policy.verdict(5_000).lagMillis());
    }

    @Test
    void lagAboveTheBoundSaysHowFarBehind() {
        NodeHealth health = new LagPolicy(5_000, null).verdict(7_000);
        assertEquals(NodeStatus.LAGGING, health.status());
        assertEquals("7 s behind (maxReplicationLag 5 s)", health.detail());
    }

    @Test
    void zeroBoundTurnsLagChecksOff() {
        assertFalse(new LagPolicy(0, null).enabled());
        assertTrue(new LagPolicy(1, null).enabled());
    }
}
