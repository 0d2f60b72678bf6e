package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A result set stays readable until it is closed, whatever later statements do. */
@WithReplicationCluster
class ResultSetLifetimeIT {
    private final ReplicationCluster cluster;

    ResultSetLifetimeIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void anOpenResultSetFromOneReplicaStaysReadableWhileTheConnectionRunsMoreStatements() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             Statement first = connection.createStatement();
             ResultSet rows = first.executeQuery(NumberRows.select("@@server_id, seq", 50))) {
            rows.next();
            ClusterNode origin = cluster.nodeByServerId(rows.getLong(1));
            assertTrue(origin.isReplica());
            ClusterNode other = ServedBy.serverId(cluster, connection);
            assertNotEquals(origin, other, "round robin moved on to the other replica");
            try (Statement writer = connection.createStatement()) {
                writer.execute("CREATE TABLE IF NOT EXISTS lifetime (id INT)");
            }
            int seen = 1;
            while (rows.next()) {
                assertEquals(origin.serverId(), rows.getLong(1));
                seen++;
            }
            assertEquals(50, seen);
            assertEquals(first, rows.getStatement());
            assertEquals(connection, first.getConnection());
        }
    }

    @Test
    void aStreamingResultSetHoldsItsReplicaUntilClosed() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             Statement streaming = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            streaming.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rows = streaming.executeQuery(NumberRows.select("@@server_id, seq", 10_000))) {
                ServedBy.serverId(cluster, connection);
                long sum = 0;
                while (rows.next()) {
                    sum += rows.getLong(2);
                }
                assertEquals(10000L * 10001 / 2, sum);
            }
        }
    }
}
