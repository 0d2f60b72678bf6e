package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Routing rule 7 (docs/routing.md): reads go to replicas, spread per statement, also for one long-lived connection. */
@WithReplicationCluster
class ReadSpreadIT {
    private static final int READS = 200;

    private final ReplicationCluster cluster;

    ReadSpreadIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void autocommitReadsOnOneConnectionSpreadEvenlyOverReplicasAndNeverReachThePrimary() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl())) {
            assertEvenOverReplicas(ServedBy.spread(cluster, connection, READS));
        }
    }

    @Test
    void aPreparedReadExecutedRepeatedlySpreadsOverReplicas() throws SQLException {
        Map<ClusterNode, Integer> counts = new HashMap<>();
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             PreparedStatement read = connection.prepareStatement("SELECT @@server_id, ?")) {
            for (int i = 0; i < READS; i++) {
                read.setInt(1, i);
                counts.merge(ServedBy.executed(cluster, read), 1, Integer::sum);
            }
        }
        assertEvenOverReplicas(counts);
    }

    @Test
    void withoutReplicasEverythingRunsOnThePrimary() throws SQLException {
        ClusterNode primary = cluster.primary();
        String url = "jdbc:rwsplit:mysql://" + primary.host() + ":" + primary.port() + "/" + cluster.database()
                + "?clusterLinger=0&user=" + cluster.appUser() + "&password=" + cluster.appPassword();
        try (Connection connection = DriverManager.getConnection(url)) {
            assertEquals(Map.of(primary, 20), ServedBy.spread(cluster, connection, 20));
        }
    }

    private void assertEvenOverReplicas(Map<ClusterNode, Integer> counts) {
        assertFalse(counts.containsKey(cluster.primary()), "reads reached the primary: " + counts);
        int even = READS / cluster.replicas().size();
        for (ClusterNode replica : cluster.replicas()) {
            int served = counts.getOrDefault(replica, 0);
            assertTrue(Math.abs(served - even) <= even / 10, replica.name() + " served " + served + " of " + READS
                    + ", expected " + even + " ± 10%: " + counts);
        }
    }
}
