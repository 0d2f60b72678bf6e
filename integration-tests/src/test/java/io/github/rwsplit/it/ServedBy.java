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

/** Which node served a statement: every server answers {@code @@server_id} with its own id. */
final class ServedBy {
    private ServedBy() {
    }

    /** Runs a query whose first column is {@code @@server_id} and maps the answer to a node. */
    static ClusterNode query(ReplicationCluster cluster, Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return first(cluster, rows);
        }
    }

    static ClusterNode serverId(ReplicationCluster cluster, Connection connection) throws SQLException {
        return query(cluster, connection, "SELECT @@server_id");
    }

    static ClusterNode first(ReplicationCluster cluster, ResultSet rows) throws SQLException {
        if (!rows.next()) {
            throw new AssertionError("the query returned no row");
        }
        return cluster.nodeByServerId(rows.getLong(1));
    }

    static ClusterNode executed(ReplicationCluster cluster, PreparedStatement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery()) {
            return first(cluster, rows);
        }
    }

    /** How many of {@code reads} reads of {@code SELECT @@server_id} each node served. */
    static Map<ClusterNode, Integer> spread(ReplicationCluster cluster, Connection connection, int reads)
            throws SQLException {
        Map<ClusterNode, Integer> counts = new HashMap<>();
        for (int i = 0; i < reads; i++) {
            counts.merge(serverId(cluster, connection), 1, Integer::sum);
        }
        return counts;
    }
}
