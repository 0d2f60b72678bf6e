package io.github.rwsplit.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RoutingConnection;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Spring Boot's own setup, HikariCP given {@code spring.datasource.url=jdbc:rwsplit:...}: with the starter on the
 * classpath and no code, the health endpoint shows the cluster and the meter registry has rwsplit's meters.
 */
@WithReplicationCluster
class BootDataSourceIT {
    private static final String CLUSTER = "boot-datasource";

    private static ReplicationCluster cluster;
    private static ConfigurableApplicationContext context;
    private static HealthReading beforeAnyConnection;
    private static double writesBeforeAnyConnection;

    @BeforeAll
    static void startApplication(ReplicationCluster shared) {
        cluster = shared;
        context = TestApplications.bootDataSource(BootApplication.class, cluster, List.of(), "clusterName=" + CLUSTER);
        // Nothing in this application connects at startup: HikariCP starts its pool on the first borrow.
        beforeAnyConnection = HealthEndpointReader.read(context, "rwsplit");
        writesBeforeAnyConnection = registry().get("rwsplit.node.writes").tag("cluster", CLUSTER)
                .tag("role", "primary").functionCounter().count();
    }

    @AfterAll
    static void stopApplication() {
        context.close();
    }

    @Test
    void bootsDataSourceIsHikariOverTheDriver() {
        HikariDataSource hikari = assertInstanceOf(HikariDataSource.class, context.getBean(DataSource.class));
        assertTrue(hikari.getJdbcUrl().startsWith("jdbc:rwsplit:"), hikari.getJdbcUrl());
    }

    @Test
    void beforeTheFirstConnection_healthIsUnknown_andTheMetersExistWithZeroCounts() {
        assertEquals("UNKNOWN", beforeAnyConnection.status(), beforeAnyConnection.toString());
        assertEquals(0, writesBeforeAnyConnection);
    }

    @Test
    void healthIsUp_withTheClusterEachNodesRoleAndState() {
        jdbc().queryForObject("SELECT 1", Integer.class);
        HealthReading health = HealthEndpointReader.read(context, "rwsplit");

        assertEquals("UP", health.status(), health.toString());
        assertEquals(CLUSTER, health.details().get("cluster"));
        assertEquals(TestApplications.nodeName(cluster.primary()), health.details().get("primary"));
        assertEquals(Map.of("role", "primary", "state", "up"), health.node(TestApplications.nodeName(cluster.primary())));
        for (ClusterNode replica : cluster.replicas()) {
            Map<String, Object> node = health.node(TestApplications.nodeName(replica));
            assertEquals("replica", node.get("role"), node.toString());
            assertEquals("up", node.get("state"), node.toString());
            assertTrue(node.get("lagMillis") instanceof Long, node.toString());
        }
        assertEquals(2L, health.details().get("replicasUp"));
        assertEquals("UP", HealthEndpointReader.read(context).components().get("rwsplit").status(),
                "part of the application's health");
    }

    @Test
    void theMetersCountWhatEachNodeServed_asTheDriversOwnFiguresDo() throws SQLException {
        JdbcTemplate jdbc = jdbc();
        jdbc.execute("CREATE TABLE IF NOT EXISTS metered (id INT PRIMARY KEY, v INT)");
        for (int i = 0; i < 3; i++) {
            jdbc.update("INSERT INTO metered VALUES (?, ?) ON DUPLICATE KEY UPDATE v = v + 1", i, i);
        }
        for (int i = 0; i < 10; i++) {
            jdbc.queryForObject("SELECT COUNT(*) FROM metered", Integer.class);
        }

        ClusterStats stats = statsThroughAConnection();
        MeterRegistry registry = registry();
        double replicaReads = 0;
        for (NodeStats node : stats.nodes()) {
            double reads = registry.get("rwsplit.node.reads").tag("cluster", CLUSTER).tag("node", node.node())
                    .functionCounter().count();
            double writes = registry.get("rwsplit.node.writes").tag("cluster", CLUSTER).tag("node", node.node())
                    .functionCounter().count();
            assertEquals(node.reads(), reads, node.toString());
            assertEquals(node.writes(), writes, node.toString());
            if (node.role().equals("replica")) {
                replicaReads += reads;
            }
        }
        String primary = TestApplications.nodeName(cluster.primary());
        assertTrue(stats.node(primary).writes() >= 4, "the DDL and the inserts: " + stats);
        assertTrue(replicaReads >= 10, "the reads went to the replicas: " + stats);
        assertEquals(1, registry.get("rwsplit.node.primary").tag("cluster", CLUSTER).tag("node", primary).gauge()
                .value());
        assertEquals(1, registry.get("rwsplit.node.state").tag("cluster", CLUSTER).tag("node", primary)
                .tag("state", "up").gauge().value());
    }

    private static ClusterStats statsThroughAConnection() throws SQLException {
        try (Connection connection = context.getBean(DataSource.class).getConnection()) {
            return connection.unwrap(RoutingConnection.class).clusterStats();
        }
    }

    private static JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    private static MeterRegistry registry() {
        return context.getBean(MeterRegistry.class);
    }
}
