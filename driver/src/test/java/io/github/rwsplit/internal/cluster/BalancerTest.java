package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.config.HostSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerTest {
    private final Node primary = node("primary", NodeRole.PRIMARY, 1);

    private static Node node(String host, NodeRole role, int weight) {
        return new Node(new HostSpec(host, 3306), role, weight, null, null);
    }

    private static Map<Node, Integer> shares(ReplicaBalancer balancer, Topology topology, int picks) {
        Map<Node, Integer> counts = new HashMap<>();
        for (int i = 0; i < picks; i++) {
            counts.merge(balancer.pick(topology, NodeFilter.ANY), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobinAlternatesBetweenEqualReplicas() {
        Node a = node("a", NodeRole.REPLICA, 1);
        Node b = node("b", NodeRole.REPLICA, 1);
        Topology topology = new Topology(primary, List.of(a, b), false);
        ReplicaBalancer balancer = new RoundRobinBalancer();
        Node first = balancer.pick(topology, NodeFilter.ANY);
        Node second = balancer.pick(topology, NodeFilter.ANY);
        assertNotSame(first, second);
        assertSame(first, balancer.pick(topology, NodeFilter.ANY));
    }

    @Test
    void aNodeCalledLaggingOrDownIsNotPickedEvenBeforeTheTopologyIsRebuilt() {
        Node lagging = node("lagging", NodeRole.REPLICA, 1);
        Node dead = node("dead", NodeRole.REPLICA, 1);
        Node healthy = node("healthy", NodeRole.REPLICA, 1);
        Topology topology = new Topology(primary, List.of(lagging, dead, healthy), false);
        lagging.health(NodeHealth.lagging(5_000, "5 s behind"));
        dead.health(NodeHealth.down("refused"));
        for (ReplicaBalancer balancer : List.of(new RoundRobinBalancer(), new RandomBalancer(),
                new LeastConnectionsBalancer(), new LeastLatencyBalancer())) {
            for (int i = 0; i < 30; i++) {
                assertSame(healthy, balancer.pick(topology, NodeFilter.UP), balancer.getClass().getSimpleName());
            }
        }
    }

    @Test
    void weightedRoundRobinGivesExactSharesAndInterleaves() {
        Node heavy = node("heavy", NodeRole.REPLICA, 3);
        Node light = node("light", NodeRole.REPLICA, 1);
        Topology topology = new Topology(primary, List.of(heavy, light), false);
        Map<Node, Integer> counts = shares(new RoundRobinBalancer(), topology, 4000);
        assertEquals(3000, counts.get(heavy));
        assertEquals(1000, counts.get(light));
        int[] order = topology.slots();
        assertEquals(4, order.length);
        assertTrue(order[0] != order[1] || order[1] != order[2], "weights must interleave, not run in blocks");
    }

    @Test
    void roundRobinSurvivesCounterWrapAround() {
        Node a = node("a", NodeRole.REPLICA, 1);
        Node b = node("b", NodeRole.REPLICA, 2);
        Topology topology = new Topology(primary, List.of(a, b), false);
        RoundRobinBalancer balancer = new RoundRobinBalancer(Integer.MAX_VALUE - 5);
        for (int i = 0; i < 20; i++) {
            assertTrue(balancer.pick(topology, NodeFilter.ANY) != null);
        }
    }

    @Test
    void randomRespectsWeightsRoughly() {
        Node heavy = node("heavy", NodeRole.REPLICA, 3);
        Node light = node("light", NodeRole.REPLICA, 1);
        Map<Node, Integer> counts = shares(new RandomBalancer(), new Topology(primary, List.of(heavy, light), false),
                20_000);
        double heavyShare = counts.get(heavy) / 20_000.0;
        assertTrue(heavyShare > 0.72 && heavyShare < 0.78, "heavy share " + heavyShare);
    }

    @Test
    void onlyUpReplicasWithWeightAreReaders() {
        Node up = node("up", NodeRole.REPLICA, 1);
        Node lagging = node("lagging", NodeRole.REPLICA, 1);
        Node down = node("down", NodeRole.REPLICA, 1);
        Node excluded = node("excluded", NodeRole.REPLICA, 0);
        lagging.health(NodeHealth.lagging(9_000, "9 s behind"));
        down.health(NodeHealth.down("refused"));
        Topology topology = new Topology(primary, List.of(up, lagging, down, excluded), false);
        assertEquals(List.of(up), List.of(topology.readers()));
        assertTrue(topology.anyReplicaUsable());
    }

    @Test
    void readFromPrimaryAlwaysMakesThePrimaryAReader() {
        Node replica = node("r", NodeRole.REPLICA, 1);
        Map<Node, Integer> counts = shares(new RoundRobinBalancer(), new Topology(primary, List.of(replica), true), 100);
        assertEquals(50, counts.get(primary));
        assertEquals(50, counts.get(replica));
    }

    @Test
    void noReaderWhenTheFilterRejectsAll() {
        Node replica = node("r", NodeRole.REPLICA, 1);
        Topology topology = new Topology(primary, List.of(replica), false);
        for (ReplicaBalancer balancer : List.of(new RoundRobinBalancer(), new RandomBalancer(),
                new LeastConnectionsBalancer(), new LeastLatencyBalancer())) {
            assertNull(balancer.pick(topology, node -> false), balancer.getClass().getSimpleName());
            assertSame(replica, balancer.pick(topology, NodeFilter.ANY), balancer.getClass().getSimpleName());
        }
    }

    @Test
    void leastLatencyPrefersTheFasterReplica() {
        Node fast = node("fast", NodeRole.REPLICA, 1);
        Node slow = node("slow", NodeRole.REPLICA, 1);
        fast.recordLatency(100_000);
        slow.recordLatency(5_000_000);
        Map<Node, Integer> counts = shares(new LeastLatencyBalancer(), new Topology(primary, List.of(fast, slow), false),
                2_000);
        assertTrue(counts.get(fast) > 1_800, "fast node got " + counts.get(fast));
        assertTrue(counts.getOrDefault(slow, 0) > 0, "exploration must still measure the slow node");
    }
}
