package io.github.rwsplit.it;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The servers' own statement counters ({@code Com_insert}, {@code Com_select}, ...) on every node. Replication applies
 * row events without touching them, so a counter that moved on a node means a client statement ran there.
 */
final class ServerCounters {
    private final Map<ClusterNode, Map<String, Long>> counts;

    private ServerCounters(Map<ClusterNode, Map<String, Long>> counts) {
        this.counts = counts;
    }

    static ServerCounters read(ReplicationCluster cluster) throws SQLException {
        Map<ClusterNode, Map<String, Long>> counts = new HashMap<>();
        for (ClusterNode node : cluster.nodes()) {
            Map<String, Long> values = new HashMap<>();
            try (Connection admin = node.adminConnection(); Statement statement = admin.createStatement();
                 ResultSet rows = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Com\\_%'")) {
                while (rows.next()) {
                    values.put(rows.getString(1).toLowerCase(java.util.Locale.ROOT), rows.getLong(2));
                }
            }
            counts.put(node, values);
        }
        return new ServerCounters(counts);
    }

    /** How much {@code counter} (e.g. "com_insert") grew on {@code node} between {@code before} and this reading. */
    long grew(ServerCounters before, ClusterNode node, String counter) {
        return counts.get(node).getOrDefault(counter, 0L) - before.counts.get(node).getOrDefault(counter, 0L);
    }

    /** The nodes on which {@code counter} grew. */
    java.util.Set<ClusterNode> grewOn(ServerCounters before, String counter) {
        java.util.Set<ClusterNode> nodes = new java.util.HashSet<>();
        for (ClusterNode node : counts.keySet()) {
            if (grew(before, node, counter) > 0) {
                nodes.add(node);
            }
        }
        return nodes;
    }
}
