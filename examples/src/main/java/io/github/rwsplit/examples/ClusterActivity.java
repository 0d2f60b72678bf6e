package io.github.rwsplit.examples;

import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * What each node did between two {@link ClusterStats} snapshots: rwsplit's own counters say where an example's
 * statements ran, without asking the servers.
 */
public record ClusterActivity(List<NodeActivity> nodes) {

    /**
     * One node's share.
     *
     * @param fallbacks reads that ran here although a replica could have served them (read-your-writes, no replica
     *                  usable, a hint, session pinning); they are included in {@code reads}
     */
    public record NodeActivity(String node, String role, long reads, long writes, long fallbacks) {
        boolean isPrimary() {
            return role.equals("primary");
        }
    }

    public ClusterActivity {
        nodes = List.copyOf(nodes);
    }

    public static ClusterActivity between(ClusterStats before, ClusterStats after) {
        List<NodeActivity> nodes = new ArrayList<>();
        for (NodeStats now : after.nodes()) {
            NodeStats then = before.node(now.node());
            nodes.add(new NodeActivity(now.node(), now.role(), now.reads() - then.reads(),
                    now.writes() - then.writes(), fallbacks(now) - fallbacks(then)));
        }
        return new ClusterActivity(nodes);
    }

    private static long fallbacks(NodeStats node) {
        return node.fallbacks().values().stream().mapToLong(Long::longValue).sum();
    }

    public long primaryReads() {
        return sum(NodeActivity::isPrimary, NodeActivity::reads);
    }

    public long primaryWrites() {
        return sum(NodeActivity::isPrimary, NodeActivity::writes);
    }

    /** Reads the primary served only because no replica could (see {@link NodeActivity#fallbacks()}). */
    public long primaryFallbacks() {
        return sum(NodeActivity::isPrimary, NodeActivity::fallbacks);
    }

    public long replicaReads() {
        return sum(node -> !node.isPrimary(), NodeActivity::reads);
    }

    public long replicaWrites() {
        return sum(node -> !node.isPrimary(), NodeActivity::writes);
    }

    /** The replicas that served at least one read. */
    public List<String> replicasThatRead() {
        return nodes.stream().filter(node -> !node.isPrimary() && node.reads() > 0).map(NodeActivity::node).toList();
    }

    private long sum(Predicate<NodeActivity> which, ToLongFunction<NodeActivity> figure) {
        return nodes.stream().filter(which).mapToLong(figure).sum();
    }

    /** The nodes that ran something, e.g. {@code primary 127.0.0.1:3306 (0 reads, 1 write)}. */
    public String summary() {
        return nodes.stream()
                .filter(node -> node.reads() + node.writes() > 0)
                .map(node -> String.format("%s %s (%d reads, %d writes)", node.role(), node.node(), node.reads(),
                        node.writes()))
                .collect(Collectors.joining(", "));
    }

    /** One line per node, e.g. {@code primary 127.0.0.1:3306 reads=2 writes=5}. */
    @Override
    public String toString() {
        return nodes.stream()
                .map(node -> String.format("%-8s %-21s reads=%-5d writes=%d%s", node.role(), node.node(),
                        node.reads(), node.writes(), node.fallbacks() == 0 ? "" : " (fallback reads=" + node.fallbacks() + ")"))
                .collect(Collectors.joining(System.lineSeparator()));
    }
}
