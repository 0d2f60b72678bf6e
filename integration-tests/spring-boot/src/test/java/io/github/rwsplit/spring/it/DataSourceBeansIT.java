package io.github.rwsplit.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * An application that declares its data sources itself: an {@link RwSplitDataSource} bean and a HikariCP pool over the
 * driver. Each gets its meters, and the health endpoint shows one {@code rwsplit} component per bean.
 */
@WithReplicationCluster
class DataSourceBeansIT {
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApplication(ReplicationCluster cluster) {
        context = new SpringApplicationBuilder(TwoDataSources.class).web(WebApplicationType.NONE)
                .properties("rwsplit.test.orders=" + TestApplications.url(cluster, "clusterName=beans-orders"),
                        "rwsplit.test.reports=" + TestApplications.url(cluster, "clusterName=beans-reports"),
                        "rwsplit.test.user=" + cluster.appUser(), "rwsplit.test.password=" + cluster.appPassword(),
                        "management.endpoint.health.show-details=always", "spring.main.banner-mode=off",
                        "spring.main.log-startup-info=false")
                .run();
    }

    @AfterAll
    static void stopApplication() {
        context.close();
    }

    @Test
    void eachRwsplitDataSourceIsAComponentOfTheHealthNamedAfterItsBean() throws SQLException {
        HealthReading beforeAnyConnection = HealthEndpointReader.read(context, "rwsplit");
        assertEquals(Set.of("orders", "reports"), beforeAnyConnection.components().keySet());
        assertEquals("UNKNOWN", beforeAnyConnection.components().get("orders").status());

        selectOne("orders");
        selectOne("reports");
        HealthReading health = HealthEndpointReader.read(context, "rwsplit");
        assertEquals("UP", health.status(), health.toString());
        assertEquals("beans-orders", health.components().get("orders").details().get("cluster"));
        assertEquals("beans-reports", health.components().get("reports").details().get("cluster"));
        assertEquals("UP", HealthEndpointReader.read(context, "rwsplit", "reports").status());
    }

    @Test
    void eachRwsplitDataSourceHasItsMetersUnderItsClusterName() throws SQLException {
        selectOne("orders");
        selectOne("reports");
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        Set<String> clusters = registry.find("rwsplit.node.reads").meters().stream()
                .map(meter -> meter.getId().getTag("cluster")).collect(Collectors.toSet());
        assertEquals(Set.of("beans-orders", "beans-reports"), clusters);
        for (String cluster : clusters) {
            double reads = registry.find("rwsplit.node.reads").tag("cluster", cluster).functionCounters().stream()
                    .mapToDouble(counter -> counter.count()).sum();
            assertTrue(reads >= 1, cluster + " read " + reads);
        }
    }

    private static void selectOne(String bean) throws SQLException {
        try (Connection connection = context.getBean(bean, DataSource.class).getConnection();
             Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT 1").close();
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TwoDataSources {

        @Bean
        RwSplitDataSource orders(Environment environment) {
            RwSplitDataSource dataSource = new RwSplitDataSource(environment.getProperty("rwsplit.test.orders"));
            dataSource.setUser(environment.getProperty("rwsplit.test.user"));
            dataSource.setPassword(environment.getProperty("rwsplit.test.password"));
            return dataSource;
        }

        @Bean
        HikariDataSource reports(Environment environment) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(environment.getProperty("rwsplit.test.reports"));
            pool.setUsername(environment.getProperty("rwsplit.test.user"));
            pool.setPassword(environment.getProperty("rwsplit.test.password"));
            return pool;
        }
    }
}
