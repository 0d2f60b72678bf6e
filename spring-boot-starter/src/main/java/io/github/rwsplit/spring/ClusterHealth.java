package io.github.rwsplit.spring;

import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the health endpoint shows of one rwsplit cluster, the same on every Spring Boot line: DOWN when writes cannot
 * be served (no node is the primary, or the primary is down), UP otherwise, UNKNOWN while no connection has opened
 * the cluster; with each node's role, state, lag and why it is not up.
 */
record ClusterHealth(Status status, Map<String, Object> details) {

    enum Status {
        UP, DOWN, UNKNOWN
    }

    ClusterHealth {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    static ClusterHealth of(ClusterSource source) {
        Optional<ClusterStats> stats;
        try {
            stats = source.stats();
        } catch (SQLException e) {
            return new ClusterHealth(Status.DOWN, Map.of("error", e.getMessage()));
        }
        return stats.map(ClusterHealth::of).orElseGet(() -> new ClusterHealth(Status.UNKNOWN,
                Map.of("reason", "no connection has opened the cluster yet, or it closed after the last one")));
    }

    static ClusterHealth of(ClusterStats stats) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cluster", stats.clusterName());
        NodeStats primary = stats.nodes().stream().filter(node -> node.role().equals("primary")).findFirst()
                .orElse(null);
        Status status;
        if (primary == null) {
            status = Status.DOWN;
            details.put("reason", "no node is the primary: writes cannot be served");
        } else if (primary.state().equals("down")) {
            status = Status.DOWN;
            details.put("reason", "the primary " + primary.node() + " is down: writes cannot be served");
        } else {
            status = Status.UP;
        }
        if (primary != null) {
            details.put("primary", primary.node());
        }
        details.put("replicasUp", stats.replicas().stream().filter(node -> node.state().equals("up")).count());
        Map<String, Object> nodes = new LinkedHashMap<>();
        for (NodeStats node : stats.nodes()) {
            nodes.put(node.node(), nodeDetails(node));
        }
        details.put("nodes", nodes);
        return new ClusterHealth(status, details);
    }

    private static Map<String, Object> nodeDetails(NodeStats node) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", node.role());
        details.put("state", node.state());
        if (node.lagMillis() >= 0) {
            details.put("lagMillis", node.lagMillis());
        }
        if (!node.detail().isEmpty()) {
            details.put("detail", node.detail());
        }
        return details;
    }
}
