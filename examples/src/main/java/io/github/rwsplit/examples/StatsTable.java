package io.github.rwsplit.examples;

import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.io.PrintStream;

/** Prints {@link ClusterStats} as a table, naming each node as the embedded cluster does (primary, replica1, ...). */
public final class StatsTable {
    private final ReplicationCluster cluster;
    private final PrintStream out;

    public StatsTable(ReplicationCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    public void print(ClusterStats stats) {
        out.printf("  %-9s %-21s %-8s %-8s %7s %7s %6s %7s %9s %5s%n", "node", "address", "role", "state", "reads",
                "writes", "errors", "retries", "borrowed", "idle");
        for (NodeStats node : stats.nodes()) {
            out.printf("  %-9s %-21s %-8s %-8s %7d %7d %6d %7d %9d %5d%s%n", name(node), node.node(), node.role(),
                    node.state(), node.reads(), node.writes(), node.errors(), node.retries(), node.borrowed(),
                    node.idle(), node.detail().isEmpty() ? "" : "  (" + node.detail() + ")");
        }
    }

    private String name(NodeStats stats) {
        for (ClusterNode node : cluster.nodes()) {
            if (stats.node().equals(node.host() + ":" + node.port())) {
                return node.name();
            }
        }
        return "?";
    }
}
