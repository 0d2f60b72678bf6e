package io.github.rwsplit.internal.cluster;

import java.util.concurrent.atomic.AtomicInteger;

/** Weighted round robin over the readers: one atomic increment per read, no lock. */
final class RoundRobinBalancer implements ReplicaBalancer {
    private final AtomicInteger next;

    RoundRobinBalancer() {
        this(0);
    }

    /** Starts the cycle at {@code start}; tests use it to cross the counter's wrap-around. */
    RoundRobinBalancer(int start) {
        this.next = new AtomicInteger(start);
    }

    @Override
    public Node pick(Topology topology, NodeFilter filter) {
        int[] slots = topology.slots();
        if (slots.length == 0) {
            return null;
        }
        // floorMod, not abs(%): the counter wraps to negative after 2^31 reads.
        return ReplicaBalancer.firstAccepted(topology, Math.floorMod(next.getAndIncrement(), slots.length), filter);
    }
}
