package io.github.rwsplit.internal.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Who may serve what, right now: an immutable snapshot rebuilt when a node's status changes and read by the router
 * through one volatile field.
 */
public final class Topology {
    private final Node primary;
    private final List<Node> replicas;
    private final Node[] readers;
    private final int[] slots;
    private final boolean replicaUsable;

    Topology(Node primary, List<Node> replicas, boolean primaryReads) {
        this.primary = primary;
        this.replicas = replicas;
        List<Node> usable = new ArrayList<>();
        boolean anyReplica = false;
        for (Node replica : replicas) {
            if (replica.health().isUp() && replica.weight() > 0) {
                usable.add(replica);
                anyReplica = true;
            }
        }
        if (primaryReads && primary.health().isUp()) {
            usable.add(primary);
        }
        this.readers = usable.toArray(new Node[0]);
        this.slots = smoothWeightedOrder(readers);
        this.replicaUsable = anyReplica;
    }

    public Node primary() {
        return primary;
    }

    public List<Node> replicas() {
        return replicas;
    }

    /** Nodes that may serve a read now: usable replicas, plus the primary under readFromPrimary=always. */
    Node[] readers() {
        return readers;
    }

    /** Whether {@code node} is one of the nodes that may serve a read now. */
    public boolean reads(Node node) {
        for (Node reader : readers) {
            if (reader == node) {
                return true;
            }
        }
        return false;
    }

    /** Reader indexes in weighted round-robin order; its length is the sum of the weights. */
    int[] slots() {
        return slots;
    }

    public boolean anyReplicaUsable() {
        return replicaUsable;
    }

    /**
     * Spreads each reader over the cycle in proportion to its weight and interleaved (nginx's smooth weighted
     * round robin), so that weights 3:1 give a,a,b,a rather than a,a,a,b and short runs stay balanced too.
     */
    private static int[] smoothWeightedOrder(Node[] readers) {
        int total = 0;
        for (Node reader : readers) {
            total += weightOf(reader);
        }
        int[] order = new int[total];
        int[] current = new int[readers.length];
        for (int slot = 0; slot < total; slot++) {
            int best = 0;
            for (int i = 0; i < readers.length; i++) {
                current[i] += weightOf(readers[i]);
                if (current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            order[slot] = best;
        }
        return order;
    }

    private static int weightOf(Node reader) {
        return reader.isPrimary() ? 1 : reader.weight();
    }
}
