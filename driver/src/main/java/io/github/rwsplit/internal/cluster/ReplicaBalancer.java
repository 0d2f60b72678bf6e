package io.github.rwsplit.internal.cluster;

import io.github.rwsplit.internal.config.LoadBalance;

/** Picks the node that serves one read among the topology's readers (the loadBalance option). */
public interface ReplicaBalancer {

    /** A reader that the filter accepts, or null when there is none. */
    Node pick(Topology topology, NodeFilter filter);

    static ReplicaBalancer of(LoadBalance policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobinBalancer();
            case RANDOM -> new RandomBalancer();
            case LEAST_CONNECTIONS -> new LeastConnectionsBalancer();
            case LEAST_LATENCY -> new LeastLatencyBalancer();
        };
    }

    /** Walks the weighted cycle from {@code start} and returns the first reader the filter accepts. */
    static Node firstAccepted(Topology topology, int start, NodeFilter filter) {
        Node[] readers = topology.readers();
        int[] slots = topology.slots();
        for (int i = 0; i < slots.length; i++) {
            Node candidate = readers[slots[(start + i) % slots.length]];
            if (filter.accepts(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
