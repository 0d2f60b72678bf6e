package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.PrimaryReason;
import io.github.rwsplit.metrics.ShadowStats;
import io.github.rwsplit.micrometer.RwSplitMeterBinder;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * routing=shadow against real servers: every statement runs on the primary, as with a plain Connector/J URL, and the
 * figures say where each would have run.
 */
@WithReplicationCluster
class ShadowModeIT {
    private static final int READS = 20;
    private final ReplicationCluster cluster;

    ShadowModeIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS shadowed (id INT PRIMARY KEY, v INT)");
        }
        cluster.awaitReplication(Duration.ofSeconds(30));
    }

    private static String hostAndPort(ClusterNode node) {
        return node.host() + ":" + node.port();
    }

    @Test
    void everyStatementRunsOnThePrimaryWhileTheCountsShowTheSplit() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("routing=shadow",
                "clusterName=shadow-split"));
             LogCapture log = LogCapture.rwsplit()) {
            try (Connection connection = dataSource.getConnection()) {
                for (int i = 0; i < READS; i++) {
                    assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection));
                }
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("INSERT INTO shadowed VALUES (1, 1) ON DUPLICATE KEY UPDATE v = v + 1");
                }
                connection.setAutoCommit(false);
                assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection));
                connection.commit();
            }
            ShadowStats shadow = dataSource.getClusterStats().shadow();
            long onReplicas = 0;
            for (ClusterNode replica : cluster.replicas()) {
                long share = shadow.wouldRunOn(hostAndPort(replica));
                assertTrue(share >= READS / 2 - 1, "reads would spread over both replicas: " + shadow);
                onReplicas += share;
            }
            assertEquals(READS, onReplicas);
            assertEquals(1, shadow.primary(PrimaryReason.WRITE));
            assertEquals(1, shadow.primary(PrimaryReason.TRANSACTION));
            assertEquals(2, shadow.wouldRunOn(hostAndPort(cluster.primary())));
            assertTrue(log.count("DEBUG", "(shadow: would run on") >= READS || !isDebugOn(),
                    "each statement's DEBUG line tells where it would have run");
        }
    }

    @Test
    void theShadowCountsAreMicrometerMeters() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("routing=shadow",
                "clusterName=shadow-meters"))) {
            MeterRegistry registry = new SimpleMeterRegistry();
            new RwSplitMeterBinder(dataSource).bindTo(registry);
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT * FROM shadowed").close();
                statement.executeQuery("SELECT * FROM shadowed FOR UPDATE").close();
            }
            double onReplicas = 0;
            for (ClusterNode replica : cluster.replicas()) {
                onReplicas += registry.get("rwsplit.shadow.statements").tag("node", hostAndPort(replica))
                        .functionCounter().count();
            }
            assertEquals(1, onReplicas);
            assertEquals(1, registry.get("rwsplit.shadow.primary").tag("reason", "session_bound_read")
                    .functionCounter().count());
            assertEquals(2, registry.get("rwsplit.node.reads").tag("node", hostAndPort(cluster.primary()))
                    .functionCounter().count(), "both ran on the primary");
        }
    }

    private static boolean isDebugOn() {
        return org.slf4j.LoggerFactory.getLogger("io.github.rwsplit").isDebugEnabled();
    }
}
