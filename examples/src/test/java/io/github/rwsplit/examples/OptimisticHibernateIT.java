package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.examples.hibernate.Ticket;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.OptimisticStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/**
 * Hibernate over an autocommit-off HikariCP pool ({@code autoCommit=false},
 * {@code hibernate.connection.provider_disables_autocommit}): every read, even {@code find} outside an explicit
 * transaction, runs in a JDBC transaction. Without optimisticTransactions those reads all reach the primary; with it
 * they run on replicas, and Hibernate gets the same results.
 */
@WithReplicationCluster
class OptimisticHibernateIT {
    private final ReplicationCluster cluster;

    OptimisticHibernateIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    private HikariDataSource autocommitOffPool(String... options) {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName("io.github.rwsplit.jdbc.RwSplitDriver");
        config.setJdbcUrl(ExampleUrls.rwsplit(cluster, options));
        config.setUsername(cluster.appUser());
        config.setPassword(cluster.appPassword());
        config.setAutoCommit(false);
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private SessionFactory sessionFactory(HikariDataSource pool, String schemaAction) {
        Configuration configuration = new Configuration().addAnnotatedClass(Ticket.class);
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, pool);
        HibernateServerSettings.forServer(cluster.serverVersion()).forEach(configuration::setProperty);
        configuration.setProperty(AvailableSettings.CONNECTION_PROVIDER_DISABLES_AUTOCOMMIT, "true");
        configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, schemaAction);
        return configuration.buildSessionFactory();
    }

    /** One application over one pool: what it read, and where its reads ran. */
    private record App(HikariDataSource pool, SessionFactory sessions) implements AutoCloseable {
        /** Finds each ticket in a session of its own, then lists the open ones: no explicit transaction anywhere. */
        List<String> browse(List<Long> ids) {
            List<String> seen = new ArrayList<>();
            for (long id : ids) {
                try (Session session = sessions.openSession()) {
                    Ticket ticket = session.find(Ticket.class, id);
                    seen.add(ticket.getSubject() + (ticket.isOpen() ? " (open)" : " (closed)"));
                }
            }
            try (Session session = sessions.openSession()) {
                session.createSelectionQuery("from Ticket where open order by id", Ticket.class).getResultList()
                        .forEach(ticket -> seen.add("open: " + ticket.getSubject()));
            }
            return seen;
        }

        /** A read-then-write transaction. */
        void closeTicket(long id) {
            try (Session session = sessions.openSession()) {
                session.inTransaction(tx -> session.find(Ticket.class, id).close());
            }
        }

        ClusterStats stats() throws SQLException {
            return PooledClusterStats.read(pool);
        }

        @Override
        public void close() {
            sessions.close();
            pool.close();
        }
    }

    @Test
    void withTheOptionOnReadsRunOnReplicas_andHibernateSeesWhatItSeesWithTheOptionOff() throws SQLException {
        HikariDataSource offPool = autocommitOffPool("clusterName=hibernate-autocommit-off");
        HikariDataSource onPool = autocommitOffPool("clusterName=hibernate-optimistic", "optimisticTransactions=true");
        try (App off = new App(offPool, sessionFactory(offPool, "drop-and-create"));
             App on = new App(onPool, sessionFactory(onPool, "none"))) {
            List<Long> ids = new ArrayList<>();
            try (Session session = off.sessions().openSession()) {
                session.inTransaction(tx -> {
                    for (int i = 1; i <= 10; i++) {
                        Ticket ticket = new Ticket("ticket " + i);
                        session.persist(ticket);
                        session.flush();
                        ids.add(ticket.getId());
                    }
                });
            }
            cluster.awaitReplication(Duration.ofSeconds(10));
            ClusterStats offBefore = off.stats();
            ClusterStats onBefore = on.stats();

            assertEquals(off.browse(ids), on.browse(ids));
            off.closeTicket(ids.get(0));
            on.closeTicket(ids.get(1));
            cluster.awaitReplication(Duration.ofSeconds(10));
            List<String> afterClosing = on.browse(ids);
            assertEquals(off.browse(ids), afterClosing);
            assertTrue(afterClosing.contains("ticket 1 (closed)") && afterClosing.contains("ticket 2 (closed)"),
                    afterClosing.toString());

            ClusterActivity withoutOption = ClusterActivity.between(offBefore, off.stats());
            ClusterActivity withOption = ClusterActivity.between(onBefore, on.stats());
            assertEquals(0, withoutOption.replicaReads(), "autocommit off, option off: " + withoutOption);
            assertTrue(withOption.primaryReads() <= 1 && withOption.replicaReads() >= 2 * 11,
                    "option on: " + withOption);
            OptimisticStats optimistic = on.stats().optimistic();
            assertEquals(1, optimistic.moved(), optimistic.toString());
            assertEquals(0, optimistic.refused(), optimistic.toString());
            assertEquals(optimistic.started(), optimistic.endedOnReplica() + optimistic.moved(), optimistic.toString());
        }
    }
}
