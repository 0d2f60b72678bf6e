package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.examples.hibernate.HibernateExample;
import io.github.rwsplit.examples.hibernate.Ticket;
import io.github.rwsplit.examples.hibernate.TicketStore;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Hibernate example without Spring: where schema creation, writes, plain reads and read-only sessions run. */
@WithReplicationCluster
class HibernateExampleIT {
    private static ReplicationCluster cluster;
    private static RwSplitDataSource dataSource;
    private static TicketStore store;
    private static ClusterStats afterStartup;

    @BeforeAll
    static void buildSessionFactory(ReplicationCluster shared) {
        cluster = shared;
        // A generous read-your-writes wait: a read after a write goes to a replica on a busy machine too.
        dataSource = HibernateExample.dataSource(cluster, "clusterName=hibernate-example", "readYourWritesTimeout=10s");
        store = new TicketStore(dataSource, HibernateServerSettings.forServer(cluster.serverVersion()));
        afterStartup = dataSource.getClusterStats();
    }

    @AfterAll
    static void close() {
        store.close();
        dataSource.close();
    }

    private static ClusterActivity activitySince(ClusterStats before) {
        return ClusterActivity.between(before, dataSource.getClusterStats());
    }

    @Test
    void schemaCreationRunsOnThePrimary_andTheReplicasGetTheTableByReplication() throws SQLException {
        assertTrue(afterStartup.primary().writes() >= 1, afterStartup.toString());
        for (NodeStats replica : afterStartup.replicas()) {
            assertEquals(0, replica.writes(), "writes on " + replica);
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
        for (ClusterNode replica : cluster.replicas()) {
            try (Connection connection = replica.appConnection(); Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                         + " WHERE table_schema = DATABASE() AND LOWER(table_name) = 'ticket'")) {
                row.next();
                assertEquals(1, row.getInt(1), replica.name());
            }
        }
    }

    @Test
    void hibernateUsesTheDialectOfTheServersFamilyAndVersion() {
        Dialect dialect = store.sessionFactory().unwrap(SessionFactoryImplementor.class).getJdbcServices().getDialect();
        ServerDialects.assertMatches(cluster.serverVersion(), dialect);
    }

    @Test
    void writeTransactionRunsOnThePrimary() {
        ClusterStats before = dataSource.getClusterStats();
        store.open(List.of("printer on fire", "VPN drops"));
        ClusterActivity activity = activitySince(before);

        assertEquals(2, activity.primaryWrites(), activity.toString());
        assertEquals(0, activity.replicaReads() + activity.replicaWrites(), activity.toString());
    }

    @Test
    void plainReadInAnotherSession_withTheWritersToken_runsOnAReplicaAndSeesTheWrite() {
        TicketStore.Opened opened = store.open(List.of("no coffee"));
        ClusterStats before = dataSource.getClusterStats();
        Ticket found = store.find(opened.ids().get(0), opened.token());
        ClusterActivity activity = activitySince(before);

        assertEquals("no coffee", found.getSubject());
        assertEquals(1, activity.replicaReads(), activity.toString());
        assertEquals(0, activity.primaryReads() + activity.primaryWrites(), activity.toString());
    }

    @Test
    void readOnlySession_runsItsTransactionWholeOnOneReplica() {
        ClusterStats before = dataSource.getClusterStats();
        TicketStore.Served<List<Ticket>> open = store.openTickets();
        ClusterActivity activity = activitySince(before);

        assertTrue(cluster.nodeByServerId(open.serverId()).isReplica(), "ran on " + open.serverId());
        assertEquals(2, activity.replicaReads(), "the query and @@server_id: " + activity);
        assertEquals(1, activity.replicasThatRead().size(), activity.toString());
        assertEquals(0, activity.primaryReads() + activity.primaryWrites(), activity.toString());
    }

    @Test
    void readWriteTransaction_runsOnThePrimary_itsReadsIncluded() {
        long id = store.open(List.of("monitor flickers")).ids().get(0);
        ClusterStats before = dataSource.getClusterStats();
        TicketStore.Served<Ticket> closed = store.close(id);
        ClusterActivity activity = activitySince(before);

        assertEquals(cluster.primary(), cluster.nodeByServerId(closed.serverId()));
        assertEquals(1, activity.primaryWrites(), activity.toString());
        assertEquals(2, activity.primaryReads(), "the SELECT of the ticket and of @@server_id: " + activity);
        assertEquals(0, activity.replicaReads(), activity.toString());
    }
}
