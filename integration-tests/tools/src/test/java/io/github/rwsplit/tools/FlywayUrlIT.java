package io.github.rwsplit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.junit.jupiter.api.Test;

/**
 * Flyway given the rwsplit URL itself ({@code dataSource(url, user, password)}, as its command line, Maven and Gradle
 * plugins and {@code spring.flyway.url} do), with the Flyway version this run puts on the class path.
 */
@WithReplicationCluster
class FlywayUrlIT {
    private final ReplicationCluster cluster;

    FlywayUrlIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(cluster.rwsplitUrl("clusterName=flyway"), cluster.appUser(), cluster.appPassword())
                .locations("classpath:flyway")
                .load();
    }

    @Test
    void migrateGivenTheUrl_runsEveryMigrationOnThePrimary_andTheReplicasGetThemByReplication() throws SQLException {
        MigrateResult first = flyway().migrate();
        assertEquals(System.getProperty("rwsplit.it.flywayVersion"), first.flywayVersion, "the Flyway under test");
        assertEquals(2, first.migrationsExecuted);
        assertEquals(0, flyway().migrate().migrationsExecuted, "a second run finds both migrations applied");

        long primary = cluster.primary().serverId();
        cluster.awaitReplication(Duration.ofSeconds(10));
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(List.of("1", "2"),
                    ServerColumn.read(node, "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank"),
                    node.name());
            assertEquals(List.of(String.valueOf(primary), String.valueOf(primary)),
                    ServerColumn.read(node, "SELECT written_by FROM account ORDER BY id"), node.name());
        }
    }

    @Test
    void flywayBuildsTheDatabaseOfTheServerFamilyBehindTheUrl() throws SQLException {
        // Connector/J reports MariaDB as "MySQL" 5.5.5-...; flyway-mysql's MariaDB type still recognises it, through
        // rwsplit as through Connector/J alone, and the rwsplit type, ranked below both, steps aside.
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("clusterName=flyway"))) {
            String expected = version(connection).contains("MariaDB") ? "MariaDB" : "MySQL";
            assertEquals(expected, DatabaseTypeRegister.getDatabaseTypeForConnection(connection, null).getName());
        }
    }

    private static String version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("SELECT VERSION()")) {
            row.next();
            return row.getString(1);
        }
    }
}
