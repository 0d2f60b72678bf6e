package io.github.rwsplit.internal.cluster;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The reader with the lowest smoothed response time. One read in {@value #EXPLORE_ONE_IN} goes to a weighted random
 * reader instead, so a node that was slow once is measured again and can win back its share.
 */
final class LeastLatencyBalancer implements ReplicaBalancer {
    static final int EXPLORE_ONE_IN = 20;

    @Override
    public Node pick(Topology topology, NodeFilter filter) {
        int[] slots = topology.slots();
        if (slots.length == 0) {
            return null;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (random.nextInt(EXPLORE_ONE_IN) == 0) {
            return ReplicaBalancer.firstAccepted(topology, random.nextInt(slots.length), filter);
        }
        Node best = null;
        long bestLatency = Long.MAX_VALUE;
        for (Node candidate : topology.readers()) {
            if (!filter.accepts(candidate)) {
                continue;
            }
            // An unmeasured node counts as fastest so that it gets measured at once.
            long latency = candidate.latencyNanos();
            if (latency < bestLatency) {
                best = candidate;
                bestLatency = latency;
            }
        }
        return best;
    }
}
