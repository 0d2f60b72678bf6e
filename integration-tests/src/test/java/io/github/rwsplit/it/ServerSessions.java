package io.github.rwsplit.it;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/** What the servers' own session lists say: which statements run, and how many sessions a user holds. */
final class ServerSessions {
    private ServerSessions() {
    }

    /**
     * How many sessions on {@code node} are running a statement whose text contains {@code marker}. The marker is
     * matched in pieces, so the query that looks for it does not count itself.
     */
    static int running(ClusterNode node, String marker) throws SQLException {
        int half = marker.length() / 2;
        try (Connection admin = node.adminConnection();
             PreparedStatement list = admin.prepareStatement("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                     + " WHERE COMMAND = 'Query' AND INFO LIKE CONCAT('%', ?, ?, '%')")) {
            list.setString(1, marker.substring(0, half));
            list.setString(2, marker.substring(half));
            try (ResultSet row = list.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** {@link #running(ClusterNode, String)} summed over every node. */
    static int running(ReplicationCluster cluster, String marker) throws SQLException {
        int total = 0;
        for (ClusterNode node : cluster.nodes()) {
            if (node.isRunning() && !node.isFrozen()) {
                total += running(node, marker);
            }
        }
        return total;
    }

    /** Sessions of {@code user} on every node. */
    static Map<ClusterNode, Integer> of(ReplicationCluster cluster, String user) throws SQLException {
        Map<ClusterNode, Integer> counts = new HashMap<>();
        for (ClusterNode node : cluster.nodes()) {
            try (Connection admin = node.adminConnection();
                 PreparedStatement count = admin.prepareStatement(
                         "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE USER = ?")) {
                count.setString(1, user);
                try (ResultSet row = count.executeQuery()) {
                    row.next();
                    counts.put(node, row.getInt(1));
                }
            }
        }
        return counts;
    }

    /** A global status counter of {@code node}, e.g. {@code Connections} or {@code Com_kill}. */
    static long status(ClusterNode node, String variable) throws SQLException {
        try (Connection admin = node.adminConnection(); Statement statement = admin.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE '" + variable + "'")) {
            return row.next() ? row.getLong(2) : 0;
        }
    }

    /** {@link #status(ClusterNode, String)} summed over every node. */
    static long status(ReplicationCluster cluster, String variable) throws SQLException {
        long total = 0;
        for (ClusterNode node : cluster.nodes()) {
            total += status(node, variable);
        }
        return total;
    }
}
