package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import io.github.rwsplit.examples.spring.SpringBootExample;
import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code spring.flyway.url}: Spring Boot migrates through a data source of its own, built from that URL, rather than
 * the application's. Boot cannot infer the driver class of a {@code jdbc:rwsplit:} URL, so the settings name it.
 */
@WithReplicationCluster
class SpringFlywayUrlIT {
    private final ReplicationCluster cluster;

    SpringFlywayUrlIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void flywayMigratesThroughItsOwnRwSplitUrl_onThePrimary_andTheReplicasGetTheSchema() throws SQLException {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SpringBootExample.class)
                .properties(
                        "spring.datasource.url=" + ExampleUrls.rwsplit(cluster, "clusterName=spring-app"),
                        "spring.datasource.username=" + cluster.appUser(),
                        "spring.datasource.password=" + cluster.appPassword(),
                        "spring.flyway.url=" + ExampleUrls.rwsplit(cluster, "clusterName=spring-flyway-url"),
                        "spring.flyway.user=" + cluster.appUser(),
                        "spring.flyway.password=" + cluster.appPassword(),
                        "spring.flyway.driver-class-name=" + RwSplitDriver.class.getName())
                .run()) {
            assertNotSame(context.getBean(DataSource.class),
                    context.getBean(Flyway.class).getConfiguration().getDataSource(),
                    "Flyway used a data source of its own");
        }

        cluster.awaitReplication(Duration.ofSeconds(10));
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(List.of("1", "2"), versions(node), node.name());
        }
    }

    private static List<String> versions(ClusterNode node) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = node.appConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
        }
        return versions;
    }
}
