package io.github.rwsplit.internal.cluster;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reader with the fewest connections borrowed through rwsplit, relative to its weight. Ties rotate, so that an idle
 * cluster still spreads reads instead of always choosing the first node.
 */
final class LeastConnectionsBalancer implements ReplicaBalancer {
    private final AtomicInteger rotation = new AtomicInteger();

    @Override
    public Node pick(Topology topology, NodeFilter filter) {
        Node[] readers = topology.readers();
        if (readers.length == 0) {
            return null;
        }
        int start = Math.floorMod(rotation.getAndIncrement(), readers.length);
        Node best = null;
        double bestLoad = Double.MAX_VALUE;
        for (int i = 0; i < readers.length; i++) {
            Node candidate = readers[(start + i) % readers.length];
            if (!filter.accepts(candidate)) {
                continue;
            }
            double load = (double) candidate.inUse() / weightOf(candidate);
            if (load < bestLoad) {
                best = candidate;
                bestLoad = load;
            }
        }
        return best;
    }

    private static int weightOf(Node node) {
        return node.isPrimary() ? 1 : node.weight();
    }
}
