package io.github.rwsplit.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** With the starter on the classpath but a data source that is not rwsplit's, the application sees nothing of it. */
@WithReplicationCluster
class OtherDataSourceIT {

    @Test
    void aPlainConnectorJDataSource_getsNoRwsplitHealthNorMeters(ReplicationCluster cluster) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(BootApplication.class)
                .web(WebApplicationType.NONE)
                .properties("spring.datasource.url=" + cluster.primary().jdbcUrl(),
                        "spring.datasource.username=" + cluster.appUser(),
                        "spring.datasource.password=" + cluster.appPassword(),
                        "management.endpoint.health.show-details=always", "spring.main.banner-mode=off",
                        "spring.main.log-startup-info=false")
                .run()) {
            context.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);

            HealthReading health = HealthEndpointReader.read(context);
            assertEquals("UP", health.status(), health.toString());
            assertTrue(health.components().containsKey("db"), health.toString());
            assertFalse(health.components().containsKey("rwsplit"), health.toString());
            assertNull(HealthEndpointReader.read(context, "rwsplit"));
            assertTrue(context.getBean(MeterRegistry.class).find("rwsplit.node.reads").meters().isEmpty());
        }
    }
}
