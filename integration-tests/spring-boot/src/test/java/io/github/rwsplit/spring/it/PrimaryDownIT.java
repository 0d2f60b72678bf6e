package io.github.rwsplit.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The health endpoint turns DOWN when writes cannot be served, and UP again once the primary is back. */
@WithReplicationCluster
class PrimaryDownIT {
    private static final String CLUSTER = "boot-primary-down";

    private static ReplicationCluster cluster;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApplication(ReplicationCluster shared) {
        cluster = shared;
        context = TestApplications.bootDataSource(BootApplication.class, cluster, List.of(), "clusterName=" + CLUSTER,
                "monitorInterval=200ms", "downAfter=1s");
    }

    @AfterAll
    static void stopApplication() {
        context.close();
    }

    @Test
    void primaryKilled_healthIsDownNamingIt_andUpAgainOnceItIsBack() throws InterruptedException {
        context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
        assertEquals("UP", health().status(), health().toString());
        String primary = TestApplications.nodeName(cluster.primary());

        cluster.primary().kill();
        try {
            TestApplications.await("health DOWN", Duration.ofSeconds(30), () -> health().status().equals("DOWN"));
            HealthReading down = health();
            assertEquals("the primary " + primary + " is down: writes cannot be served", down.details().get("reason"));
            assertEquals("down", down.node(primary).get("state"));
            assertTrue(down.node(primary).containsKey("detail"), down.toString());
            assertEquals("DOWN", HealthEndpointReader.read(context).status(), "the application's health follows");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertEquals(1, registry.get("rwsplit.node.state").tag("cluster", CLUSTER).tag("node", primary)
                    .tag("state", "down").gauge().value());
        } finally {
            cluster.primary().restart();
        }
        TestApplications.await("health UP again", Duration.ofSeconds(60), () -> health().status().equals("UP"));
    }

    private static HealthReading health() {
        return HealthEndpointReader.read(context, "rwsplit");
    }
}
