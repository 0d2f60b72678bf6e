package io.github.rwsplit.metrics;

import java.util.List;

/**
 * A cluster's figures at one moment.
 *
 * @param parserCalls    statements the lexical classifier could not decide and handed to the SQL parser
 * @param parseFailures  statements that neither could understand (they went to the primary)
 * @param optimistic     optimistic transactions by outcome (all 0 unless optimisticTransactions is on)
 * @param shadow         where statements would have run, in shadow mode ({@code routing=shadow}); empty otherwise
 */
public record ClusterStats(String clusterName, List<NodeStats> nodes, long parserCalls, long parseFailures,
                           OptimisticStats optimistic, ShadowStats shadow) {

    public ClusterStats {
        nodes = List.copyOf(nodes);
    }

    /** The stats of the node named {@code host:port}. */
    public NodeStats node(String hostAndPort) {
        for (NodeStats node : nodes) {
            if (node.node().equals(hostAndPort)) {
                return node;
            }
        }
        throw new IllegalArgumentException("no node " + hostAndPort + " in cluster " + clusterName);
    }

    public NodeStats primary() {
        for (NodeStats node : nodes) {
            if (node.role().equals("primary")) {
                return node;
            }
        }
        throw new IllegalStateException("cluster " + clusterName + " has no primary");
    }

    public List<NodeStats> replicas() {
        return nodes.stream().filter(n -> n.role().equals("replica")).toList();
    }
}
