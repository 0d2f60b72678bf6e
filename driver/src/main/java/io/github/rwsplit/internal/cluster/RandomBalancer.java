package io.github.rwsplit.internal.cluster;

import java.util.concurrent.ThreadLocalRandom;

/** Weighted random choice over the readers. */
final class RandomBalancer implements ReplicaBalancer {

    @Override
    public Node pick(Topology topology, NodeFilter filter) {
        int[] slots = topology.slots();
        if (slots.length == 0) {
            return null;
        }
        return ReplicaBalancer.firstAccepted(topology, ThreadLocalRandom.current().nextInt(slots.length), filter);
    }
}
