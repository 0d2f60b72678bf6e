package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** loadBalance, replicaWeights and readFromPrimary=always, measured on real servers. */
@WithReplicationCluster
class BalancingIT {
    private final ReplicationCluster cluster;

    BalancingIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    private void assertShare(Map<ClusterNode, Integer> counts, ClusterNode node, double expected, int total) {
        double share = counts.getOrDefault(node, 0) / (double) total;
        assertTrue(Math.abs(share - expected) <= 0.05, node.name() + " share " + share + ", expected " + expected
                + " ± 5%: " + counts);
    }

    @Test
    void weightedRoundRobinThreeToOneGivesThoseSharesOver4000Reads() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("replicaWeights=3,1"))) {
            Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 4000);
            assertShare(counts, cluster.replicas().get(0), 0.75, 4000);
            assertShare(counts, cluster.replicas().get(1), 0.25, 4000);
        }
    }

    @Test
    void weightedRandomThreeToOneGivesThoseSharesOver4000Reads() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                cluster.rwsplitUrl("loadBalance=random", "replicaWeights=3,1"))) {
            Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 4000);
            assertShare(counts, cluster.replicas().get(0), 0.75, 4000);
            assertShare(counts, cluster.replicas().get(1), 0.25, 4000);
        }
    }

    @Test
    void leastConnectionsPrefersTheIdleReplica() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("loadBalance=leastConnections"));
             Statement busy = connection.createStatement()) {
            busy.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet open = busy.executeQuery(NumberRows.select("@@server_id, seq", 100_000))) {
                ClusterNode holding = ServedBy.first(cluster, open);
                Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 20);
                ClusterNode idle = cluster.replicas().get(0).equals(holding) ? cluster.replicas().get(1)
                        : cluster.replicas().get(0);
                assertEquals(Map.of(idle, 20), counts, "the replica streaming a result set is busy");
            }
        }
    }

    @Test
    void readFromPrimaryAlwaysGivesThePrimaryAShareLikeAReplica() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("readFromPrimary=always"))) {
            Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 300);
            for (ClusterNode node : cluster.nodes()) {
                assertShare(counts, node, 1.0 / 3, 300);
            }
        }
    }

    @Test
    void aReplicaWithWeightZeroGetsNoReads() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("replicaWeights=0,1"))) {
            assertEquals(Map.of(cluster.replicas().get(1), 50), ServedBy.spread(cluster, connection, 50));
        }
    }

    @Test
    void leastLatencyKeepsServingFromTheReplicas() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("loadBalance=leastLatency"))) {
            Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 200);
            assertEquals(null, counts.get(cluster.primary()));
            assertEquals(200, counts.values().stream().mapToInt(Integer::intValue).sum());
        }
    }
}
