package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** readAffinity=connection on real servers: a connection keeps its replica until that replica may not serve it. */
@WithReplicationCluster
class ReadAffinityIT {
    private final ReplicationCluster cluster;

    ReadAffinityIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    private RwSplitDataSource keepingReplicas() {
        return new RwSplitDataSource(cluster.rwsplitUrl("readAffinity=connection"));
    }

    @Test
    void everyReadOfOneConnectionIsServedByTheSameReplica() throws SQLException {
        try (RwSplitDataSource dataSource = keepingReplicas(); Connection connection = dataSource.getConnection()) {
            Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 200);
            assertEquals(1, counts.size(), counts.toString());
            assertTrue(cluster.replicas().containsAll(counts.keySet()), counts.toString());
        }
    }

    @Test
    void connectionsOpenedOneAfterAnotherAreSpreadOverTheReplicas() throws SQLException {
        Map<ClusterNode, Integer> connectionsPerReplica = new HashMap<>();
        try (RwSplitDataSource dataSource = keepingReplicas()) {
            for (int i = 0; i < 40; i++) {
                try (Connection connection = dataSource.getConnection()) {
                    Map<ClusterNode, Integer> counts = ServedBy.spread(cluster, connection, 5);
                    assertEquals(1, counts.size(), "connection " + i + ": " + counts);
                    connectionsPerReplica.merge(counts.keySet().iterator().next(), 1, Integer::sum);
                }
            }
        }
        for (ClusterNode replica : cluster.replicas()) {
            assertTrue(connectionsPerReplica.getOrDefault(replica, 0) >= 15, connectionsPerReplica.toString());
        }
    }

    @Test
    void aKilledKeptReplicaHandsItsConnectionToTheOtherWithoutAnErrorAndItStaysThere() throws Exception {
        try (RwSplitDataSource dataSource = keepingReplicas(); Connection connection = dataSource.getConnection()) {
            ClusterNode kept = ServedBy.serverId(cluster, connection);
            kept.kill();
            ClusterNode next = ServedBy.serverId(cluster, connection);
            assertNotEquals(kept, next, "the read after the kill ran elsewhere");
            assertTrue(cluster.replicas().contains(next), next.name());
            kept.restart();
            Poll.until(kept.name() + " is up again", Duration.ofSeconds(30), () -> "up".equals(
                    dataSource.getClusterStats().node(kept.host() + ":" + kept.port()).state()));
            assertEquals(Map.of(next, 20), ServedBy.spread(cluster, connection, 20),
                    "no switch back once the first replica returns");
        }
    }
}
