package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.examples.hibernate.HibernateExample;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Liquibase migrations through rwsplit: everything they write runs on the primary, and a second run finds it done. */
@WithReplicationCluster
class LiquibaseIT {
    private static final String CHANGELOG = "liquibase/changelog.xml";

    private final ReplicationCluster cluster;
    private RwSplitDataSource dataSource;

    LiquibaseIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void open() {
        dataSource = HibernateExample.dataSource(cluster, "clusterName=liquibase");
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private void update() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            Database database = DatabaseFactory.getInstance()
                    .findCorrectDatabaseImplementation(new JdbcConnection(connection));
            Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                    () -> new CommandScope("update").addArgumentValue("database", database)
                            .addArgumentValue("changelogFile", CHANGELOG).execute());
        }
    }

    @Test
    void anUpdateWritesOnlyOnThePrimary_andASecondUpdateFindsEveryChangeSetApplied() throws Exception {
        dataSource.getConnection().close(); // the counters exist from the first connection on
        ClusterStats before = stats();
        update();
        ClusterActivity first = ClusterActivity.between(before, stats());
        assertTrue(first.primaryWrites() >= 4, first.summary());
        assertEquals(0, first.replicaWrites(), first.summary());

        update();
        assertEquals(2, count(cluster.primary(), "SELECT COUNT(*) FROM DATABASECHANGELOG"), "change sets applied once");
        assertEquals(0, count(cluster.primary(), "SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = 1"),
                "the lock is released");

        cluster.awaitReplication(Duration.ofSeconds(10));
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(1, count(node, "SELECT COUNT(*) FROM shelf WHERE title = 'Dune' AND published IS NULL"),
                    node.name());
        }
    }

    private ClusterStats stats() {
        return dataSource.getClusterStats();
    }

    private static int count(ClusterNode node, String sql) throws SQLException {
        try (Connection connection = node.appConnection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }
}
