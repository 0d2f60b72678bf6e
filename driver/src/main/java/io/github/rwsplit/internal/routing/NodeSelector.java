package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.NodeFilter;
import io.github.rwsplit.internal.cluster.NodeStatus;
import io.github.rwsplit.internal.cluster.Topology;
import io.github.rwsplit.internal.config.ReadFromPrimary;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.Hints;
import io.github.rwsplit.metrics.FallbackReason;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Chooses a node from the cluster's current topology: a replica for a read (the loadBalance policy, the statement's
 * hints, readFromPrimary), or the primary. It reads the monitor's verdicts and never blocks; see docs/routing.md for
 * the rules and the messages a read gets when no node may serve it.
 */
final class NodeSelector {
    private final Cluster cluster;

    NodeSelector(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Picks the node for a read outside a transaction.
     *
     * @param avoid a node that just failed this read (its retry goes elsewhere), or null
     * @throws SQLException SQLState 08001 when no node may serve it
     */
    ReadChoice chooseReader(Classification classification, Node avoid) throws SQLException {
        Node reader = readerFor(classification, avoid, null);
        return reader != null ? new ReadChoice(reader, null) : fallback(classification, avoid);
    }

    /**
     * The node for a read outside a transaction, or null when the read is hinted to the primary or no reader may take
     * it: {@link #fallback} then says where it goes instead. Allocates nothing, since most reads end here.
     *
     * @param kept the replica a connection under readAffinity=connection read from last, which serves the read without
     *             asking the balancer while it is still a reader that may take it; null to ask the balancer
     */
    Node readerFor(Classification classification, Node avoid, Node kept) {
        Hints hints = classification.hints();
        if (hints.primary()) {
            return null;
        }
        Topology topology = cluster.topology();
        NodeFilter filter = filterFor(hints.maxLagMillis(), avoid);
        if (kept != null && topology.reads(kept) && filter.accepts(kept)) {
            return kept;
        }
        return cluster.balancer().pick(topology, filter);
    }

    /**
     * Where a read goes that {@link #readerFor} found no reader for: the primary, with the reason.
     *
     * @throws SQLException SQLState 08001 when the primary may not serve it either
     */
    ReadChoice fallback(Classification classification, Node avoid) throws SQLException {
        Hints hints = classification.hints();
        if (hints.primary()) {
            return onPrimary(FallbackReason.HINT, avoid, null);
        }
        Topology topology = cluster.topology();
        if (cluster.readFromPrimary() == ReadFromPrimary.NEVER) {
            throw noReader(topology, hints.maxLagMillis(), avoid);
        }
        FallbackReason reason = topology.anyReplicaUsable() && hints.maxLagMillis() >= 0
                ? FallbackReason.LAG : FallbackReason.NO_REPLICA;
        return onPrimary(reason, avoid, topology);
    }

    /**
     * A reader (a usable replica, or the primary under readFromPrimary=always) that the statement's hints and
     * {@code filter} accept, with no fallback: null when there is none.
     */
    Node pickReader(Classification classification, Node avoid, NodeFilter filter) {
        NodeFilter hinted = filterFor(classification.hints().maxLagMillis(), avoid);
        return cluster.balancer().pick(cluster.topology(), node -> hinted.accepts(node) && filter.accepts(node));
    }

    /**
     * The primary for a read that a replica could not serve for {@code reason}.
     *
     * @throws SQLException SQLState 08001 when the primary is down too
     */
    ReadChoice primaryInstead(FallbackReason reason) throws SQLException {
        return onPrimary(reason, null, null);
    }

    private ReadChoice onPrimary(FallbackReason reason, Node avoid, Topology topology) throws SQLException {
        Node primary = cluster.primary();
        if (primary == avoid || primary.health().status() == NodeStatus.DOWN) {
            throw topology == null ? primaryDown(primary) : noReader(cluster.topology(), -1, avoid);
        }
        return new ReadChoice(primary, reason);
    }

    private static NodeFilter filterFor(long maxLagMillis, Node avoid) {
        if (maxLagMillis < 0 && avoid == null) {
            return NodeFilter.UP;
        }
        return node -> node != avoid && node.health().isUp() && (maxLagMillis < 0 || node.isPrimary()
                || node.health().lagMillis() >= 0 && node.health().lagMillis() <= maxLagMillis);
    }

    /** 08001 that names every replica and why it cannot take the read (readFromPrimary=never, or nothing left). */
    private SQLException noReader(Topology topology, long maxLagMillis, Node avoid) {
        StringBuilder why = new StringBuilder("rwsplit[").append(cluster.name()).append("]: no node can serve this read");
        if (topology.replicas().isEmpty()) {
            why.append(": the cluster has no replica");
        }
        for (Node replica : topology.replicas()) {
            why.append("; ").append(replica).append(": ");
            if (replica == avoid) {
                why.append("failed this read");
            } else if (!replica.health().isUp()) {
                why.append(replica.health());
            } else if (replica.weight() == 0) {
                why.append("weight 0");
            } else if (maxLagMillis >= 0) {
                why.append("lag ").append(replica.health().lagMillis() < 0 ? "unknown" : replica.health().lagMillis() + " ms")
                        .append(" exceeds the hint's ").append(maxLagMillis).append(" ms");
            } else {
                why.append("up");
            }
        }
        if (cluster.readFromPrimary() == ReadFromPrimary.NEVER) {
            why.append(" (readFromPrimary=never)");
        } else {
            why.append("; ").append(cluster.primary()).append(": ").append(cluster.primary().health());
        }
        return new SQLTransientConnectionException(why.toString(), "08001");
    }

    /**
     * The primary, for statements that need it. A suspect primary (slow, missed a check) still takes them: they wait
     * as they would on a plain connection.
     *
     * @throws SQLException SQLState 08001 naming the primary while the monitor holds it down (it refuses connections or
     *                      stayed silent for downAfter): a write fails at once instead of waiting on a dead server
     */
    Node primary() throws SQLException {
        List<Node> writable = cluster.splitBrain();
        if (!writable.isEmpty()) {
            throw new SQLTransientConnectionException("rwsplit[" + cluster.name() + "]: split brain: " + writable
                    + " all accept writes and none replicates; writes are refused until all but one are read-only",
                    "08001");
        }
        Node primary = cluster.primary();
        if (primary.health().status() == NodeStatus.DOWN) {
            throw primaryDown(primary);
        }
        return primary;
    }

    private static SQLException primaryDown(Node primary) {
        return new SQLTransientConnectionException("rwsplit: " + primary + " is " + primary.health()
                + "; statements that need the primary fail until it answers a health check", "08001");
    }

    /** Where one read runs, and why it runs on the primary when it does (null when it runs where its route meant). */
    record ReadChoice(Node node, FallbackReason fallback) {
    }
}
