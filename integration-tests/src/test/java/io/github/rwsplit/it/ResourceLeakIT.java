package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pools of nodes that die and come back must not leak threads or server connections. */
@WithReplicationCluster
class ResourceLeakIT {
    private static final int CYCLES = 100;
    private static final int POOL_SIZE = 4;

    private final ReplicationCluster cluster;

    ResourceLeakIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    @Test
    void after100ReplicaKillRestartCyclesThreadsAndServerConnectionsAreBackToBaseline() throws Exception {
        ClusterNode victim = cluster.replicas().get(0);
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=leak-test",
                "pool.maximumPoolSize=" + POOL_SIZE, "monitorInterval=200ms"))) {
            try (Connection warmUp = dataSource.getConnection()) {
                ServedBy.spread(cluster, warmUp, 10);
                ServedBy.query(cluster, warmUp, "SELECT @@server_id FOR UPDATE");
            }
            // The baseline is taken with every pool filled: a pool still filling would make any later count differ.
            Poll.until("every node's pool holds " + POOL_SIZE + " connections", Duration.ofSeconds(30),
                    () -> dataSource.getClusterStats().nodes().stream()
                            .allMatch(node -> node.borrowed() + node.idle() == POOL_SIZE));
            Map<ClusterNode, Integer> baselineConnections = settledServerConnections(null);
            int baselineThreads = rwsplitThreads();
            try (ReadLoad load = new ReadLoad(cluster, dataSource, 2)) {
                for (int cycle = 0; cycle < CYCLES; cycle++) {
                    victim.kill();
                    victim.restart();
                }
                Poll.until("the victim serves reads again", Duration.ofSeconds(30),
                        () -> load.lastServedNanos(victim) > System.nanoTime() - Duration.ofSeconds(1).toNanos());
            }
            assertEquals(baselineConnections, settledServerConnections(baselineConnections));
            // Pool threads that add connections are transient (they end when idle); none may be left over for good.
            Poll.until("rwsplit's threads are back to at most " + baselineThreads, Duration.ofSeconds(30),
                    () -> rwsplitThreads() <= baselineThreads);
        }
    }

    /** Application-user connections per node, once the pools have settled (to {@code expected} when given). */
    private Map<ClusterNode, Integer> settledServerConnections(Map<ClusterNode, Integer> expected) throws SQLException {
        Map<ClusterNode, Integer>[] last = new Map[1];
        Poll.until("server connections settle", Duration.ofSeconds(60), () -> {
            try {
                Map<ClusterNode, Integer> now = serverConnections();
                boolean settled = expected == null ? now.equals(last[0]) : now.equals(expected);
                last[0] = now;
                return settled;
            } catch (SQLException e) {
                return false;
            }
        });
        return last[0];
    }

    private Map<ClusterNode, Integer> serverConnections() throws SQLException {
        Map<ClusterNode, Integer> counts = new HashMap<>();
        for (ClusterNode node : cluster.nodes()) {
            try (Connection admin = node.adminConnection(); Statement statement = admin.createStatement();
                 ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                         + " WHERE USER = '" + cluster.appUser() + "'")) {
                row.next();
                counts.put(node, row.getInt(1));
            }
        }
        return counts;
    }

    private static int rwsplitThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains("leak-test")).count();
    }
}
