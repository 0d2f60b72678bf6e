package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** maxReplicationLag: a replica behind the bound, or not replicating, gets no reads until it is back. */
@WithReplicationCluster
class ReplicationLagIT {
    private final ReplicationCluster cluster;

    ReplicationLagIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    private static NodeStats stats(RwSplitDataSource dataSource, ClusterNode node) {
        return dataSource.getClusterStats().node(node.host() + ":" + node.port());
    }

    /** Reads {@code count} times; returns how many each node served. */
    private Map<ClusterNode, Integer> reads(Connection connection, int count) throws SQLException {
        return ServedBy.spread(cluster, connection, count);
    }

    @ParameterizedTest
    @ValueSource(strings = {"replicaStatus", "heartbeat"})
    void aReplicaWhoseSqlThreadStoppedGetsNoReadsUntilItRunsAgain(String lagSource) throws Exception {
        ClusterNode stopped = cluster.replicas().get(0);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("lagSource=" + lagSource,
                "maxReplicationLag=2s", "readYourWrites=false"));
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lag_probe (id INT PRIMARY KEY)");
            Poll.until("both replicas up", Duration.ofSeconds(15),
                    () -> dataSource.getClusterStats().replicas().stream().allMatch(r -> r.state().equals("up")));
            stopped.stopReplicaSqlThread();
            try (BackgroundWriter writer = new BackgroundWriter(dataSource, "lag_probe")) {
                Poll.until(stopped.name() + " leaves rotation", Duration.ofSeconds(15),
                        () -> stats(dataSource, stopped).state().equals("lagging"));
                Map<ClusterNode, Integer> served = reads(connection, 40);
                assertEquals(null, served.get(stopped), "reads went to the stopped replica: " + served);
                assertEquals(null, served.get(cluster.primary()), served.toString());
            }
            stopped.startReplicaSqlThread();
            Poll.until(stopped.name() + " is back", Duration.ofSeconds(15),
                    () -> stats(dataSource, stopped).state().equals("up"));
            assertTrue(reads(connection, 20).containsKey(stopped));
        }
    }

    @org.junit.jupiter.api.Test
    void aMaxLagHintTightensTheBoundForOneStatement() throws Exception {
        ClusterNode delayed = cluster.replicas().get(1);
        ClusterNode current = cluster.replicas().get(0);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("lagSource=heartbeat",
                "maxReplicationLag=30s", "readYourWrites=false"));
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lag_probe (id INT PRIMARY KEY)");
            delayed.setReplicationDelay(6);
            Poll.until(delayed.name() + " is measurably behind", Duration.ofSeconds(20),
                    () -> stats(dataSource, delayed).lagMillis() >= 4_000);
            assertEquals("up", stats(dataSource, delayed).state(), "within maxReplicationLag it still serves reads");
            // A heartbeat is stamped once per monitorInterval (1 s), so a current replica may show up to about that
            // much lag, more on a busy machine: the hint's bound sits well between the two replicas.
            for (int i = 0; i < 10; i++) {
                assertEquals(current, ServedBy.query(cluster, connection,
                        "/*rwsplit:maxLag=3s*/ SELECT @@server_id"));
            }
            assertTrue(reads(connection, 10).containsKey(delayed), "without the hint both replicas serve");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"replicaStatus", "heartbeat"})
    void aReplicaDelayedBeyondTheBoundGetsNoReadsUntilItCatchesUp(String lagSource) throws Exception {
        ClusterNode delayed = cluster.replicas().get(1);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("lagSource=" + lagSource,
                "maxReplicationLag=1s", "readYourWrites=false"));
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE lag_probe (id INT PRIMARY KEY)");
            Poll.until("both replicas up", Duration.ofSeconds(15),
                    () -> dataSource.getClusterStats().replicas().stream().allMatch(r -> r.state().equals("up")));
            delayed.setReplicationDelay(4);
            try (BackgroundWriter writer = new BackgroundWriter(dataSource, "lag_probe")) {
                Poll.until(delayed.name() + " leaves rotation", Duration.ofSeconds(20),
                        () -> stats(dataSource, delayed).state().equals("lagging"));
                Map<ClusterNode, Integer> served = reads(connection, 40);
                assertEquals(null, served.get(delayed), "reads went to the delayed replica: " + served);
            }
            delayed.setReplicationDelay(0);
            Poll.until(delayed.name() + " caught up", Duration.ofSeconds(20),
                    () -> stats(dataSource, delayed).state().equals("up"));
            assertTrue(reads(connection, 20).containsKey(delayed));
        }
    }
}
