package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.examples.spring.Book;
import io.github.rwsplit.examples.spring.BookRepository;
import io.github.rwsplit.examples.spring.BookshopService;
import io.github.rwsplit.examples.spring.SpringBootExample;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The Spring Boot example on the embedded cluster: where Flyway, JPA, Spring Data and JdbcTemplate statements run. */
@WithReplicationCluster
class SpringBootExampleIT {
    private static ReplicationCluster cluster;
    private static ConfigurableApplicationContext context;
    private static ClusterStats afterStartup;

    @BeforeAll
    static void startApplication(ReplicationCluster shared) throws SQLException {
        cluster = shared;
        // A cluster name of its own, so that rwsplit's figures count this application's statements only.
        context = SpringBootExample.start(cluster, "clusterName=spring-boot-example");
        afterStartup = stats();
    }

    @AfterAll
    static void stopApplication() {
        context.close();
    }

    private static ClusterStats stats() throws SQLException {
        return PooledClusterStats.read(context.getBean(DataSource.class));
    }

    private static ClusterActivity activitySince(ClusterStats before) throws SQLException {
        return ClusterActivity.between(before, stats());
    }

    @Test
    void flywayMigratesThroughRwsplitOnThePrimary_andTheReplicasGetTheSchemaByReplication() throws SQLException {
        assertTrue(afterStartup.primary().writes() >= 4, "DDL and history rows on the primary: " + afterStartup);
        for (NodeStats replica : afterStartup.replicas()) {
            assertEquals(0, replica.writes(), "writes on " + replica);
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
        for (ClusterNode replica : cluster.replicas()) {
            try (Connection connection = replica.appConnection(); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")) {
                List<String> versions = new ArrayList<>();
                while (rows.next()) {
                    versions.add(rows.getString(1));
                }
                assertEquals(List.of("1", "2"), versions, replica.name());
            }
        }
    }

    @Test
    void hibernateUsesTheDialectOfTheServersFamilyAndVersion() {
        Dialect dialect = context.getBean(EntityManagerFactory.class).unwrap(SessionFactoryImplementor.class)
                .getJdbcServices().getDialect();
        ServerDialects.assertMatches(cluster.serverVersion(), dialect);
    }

    @Test
    void readOnlyTransaction_runsWholeOnOneReplica() throws SQLException {
        ClusterStats before = stats();
        BookshopService.Catalogue catalogue = context.getBean(BookshopService.class).catalogue();
        ClusterActivity activity = activitySince(before);

        assertTrue(cluster.nodeByServerId(catalogue.serverId()).isReplica(), "ran on " + catalogue.serverId());
        assertTrue(catalogue.books().size() >= 3);
        assertEquals(3, activity.replicaReads(), activity.toString());
        assertEquals(1, activity.replicasThatRead().size(), activity.toString());
        assertEquals(0, activity.primaryReads() + activity.primaryWrites(), activity.toString());
    }

    @Test
    void readWriteTransaction_runsOnThePrimary_itsReadsIncluded() throws SQLException {
        long bookId = context.getBean(BookRepository.class).findAll().get(0).getId();
        ClusterStats before = stats();
        BookshopService.Sale sale = context.getBean(BookshopService.class).sell(bookId, 1);
        ClusterActivity activity = activitySince(before);

        assertEquals(cluster.primary(), cluster.nodeByServerId(sale.serverId()));
        assertEquals(1, activity.primaryWrites(), activity.toString());
        assertEquals(2, activity.primaryReads(), "the SELECT of the book and of @@server_id: " + activity);
        assertEquals(0, activity.replicaReads() + activity.replicaWrites(), activity.toString());
    }

    @Test
    void repositoryCallsOutsideATransaction_findOnAReplica_saveOnThePrimary() throws SQLException {
        BookRepository books = context.getBean(BookRepository.class);
        ClusterStats before = stats();
        Book saved = books.save(new Book("Release It!", 2));
        ClusterActivity saving = activitySince(before);
        assertEquals(1, saving.primaryWrites(), saving.toString());
        assertEquals(0, saving.replicaReads() + saving.replicaWrites(), saving.toString());

        before = stats();
        assertEquals("Release It!", books.findById(saved.getId()).orElseThrow().getTitle());
        ClusterActivity finding = activitySince(before);
        assertEquals(1, finding.replicaReads(), finding.toString());
        assertEquals(0, finding.primaryReads() + finding.primaryWrites(), finding.toString());
    }

    @Test
    void jdbcTemplateOutsideATransaction_readsFromReplicas_writesToThePrimary() throws SQLException {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        ClusterStats before = stats();
        for (int i = 0; i < 4; i++) {
            long serverId = jdbc.queryForObject("SELECT @@server_id", Long.class);
            assertTrue(cluster.nodeByServerId(serverId).isReplica(), "read on server " + serverId);
        }
        jdbc.update("UPDATE book SET stock = stock + 1 WHERE id = 1");
        ClusterActivity activity = activitySince(before);
        assertEquals(4, activity.replicaReads(), activity.toString());
        assertEquals(1, activity.primaryWrites(), activity.toString());
        assertEquals(0, activity.primaryReads() + activity.replicaWrites(), activity.toString());
    }

    @Test
    void writeInAReadOnlyTransaction_isRefusedWith25006BeforeAnyServerSeesIt() throws SQLException {
        TransactionTemplate readOnly = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        readOnly.setReadOnly(true);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        ClusterStats before = stats();

        DataAccessException refused = assertThrows(DataAccessException.class,
                () -> readOnly.executeWithoutResult(status -> jdbc.update("DELETE FROM book")));

        SQLException cause = assertInstanceOf(SQLException.class, refused.getMostSpecificCause());
        assertEquals("25006", cause.getSQLState());
        ClusterActivity activity = activitySince(before);
        assertEquals(0, activity.primaryWrites() + activity.replicaWrites(), activity.toString());
    }
}
