package io.github.rwsplit.examples.hibernate;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.jdbc.RoutingConnection;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;
import org.hibernate.resource.jdbc.spi.PhysicalConnectionHandlingMode;

/**
 * Hibernate ORM on rwsplit, without Spring. Each Hibernate session holds one rwsplit logical connection for its whole
 * life: that costs no server connection outside transactions, and makes the session the scope of read-your-writes.
 */
public final class TicketStore implements AutoCloseable {
    private final SessionFactory sessionFactory;

    /** A result and the {@code @@server_id} of the server that produced it. */
    public record Served<T>(T value, long serverId) {
    }

    /**
     * @param settings further Hibernate settings, such as the database product and version where Hibernate cannot
     *                 tell them from DatabaseMetaData (see {@link io.github.rwsplit.examples.HibernateServerSettings})
     */
    public TicketStore(RwSplitDataSource dataSource, Map<String, String> settings) {
        Configuration configuration = new Configuration().addAnnotatedClass(Ticket.class);
        // rwsplit pools per node itself, so Hibernate can take its DataSource as is. DatabaseMetaData, which Hibernate
        // reads to choose its dialect, is answered by the primary.
        configuration.getProperties().put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        settings.forEach(configuration::setProperty);
        configuration.setProperty(AvailableSettings.CONNECTION_HANDLING,
                PhysicalConnectionHandlingMode.DELAYED_ACQUISITION_AND_HOLD.name());
        // The DDL goes through rwsplit like any statement: to the primary, and to the replicas by replication.
        configuration.setProperty(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "drop-and-create");
        this.sessionFactory = configuration.buildSessionFactory();
    }

    public SessionFactory sessionFactory() {
        return sessionFactory;
    }

    /** What {@link #open} wrote, and the consistency token of that write. */
    public record Opened(List<Long> ids, String token) {
    }

    /**
     * A read-write transaction on the primary. The token lets another session see the write before every replica
     * has it (rwsplit's read-your-writes covers one logical connection, so one session, by itself).
     */
    public Opened open(List<String> subjects) {
        try (Session session = sessionFactory.openSession()) {
            List<Ticket> tickets = subjects.stream().map(Ticket::new).toList();
            session.inTransaction(tx -> tickets.forEach(session::persist));
            String token = session.doReturningWork(c -> c.unwrap(RoutingConnection.class).lastWritePosition());
            return new Opened(tickets.stream().map(Ticket::getId).toList(), token);
        }
    }

    /**
     * A plain read outside a transaction: a replica serves it. {@code after} is another session's consistency token:
     * the read goes to a replica that has applied that write (or, failing that, to the primary).
     */
    public Ticket find(long id, String after) {
        try (Session session = sessionFactory.openSession()) {
            session.doWork(c -> c.unwrap(RoutingConnection.class).readAfter(after));
            return session.find(Ticket.class, id);
        }
    }

    /** A read-only session: Hibernate marks its JDBC connection read-only, so the whole transaction runs on a replica. */
    public Served<List<Ticket>> openTickets() {
        try (Session session = sessionFactory.withOptions().readOnly(true).openSession()) {
            return session.fromTransaction(tx -> new Served<>(
                    session.createSelectionQuery("from Ticket where open order by id", Ticket.class).getResultList(),
                    serverId(session)));
        }
    }

    /** A read-write transaction: its read of the ticket runs on the primary too, with the UPDATE. */
    public Served<Ticket> close(long id) {
        try (Session session = sessionFactory.openSession()) {
            return session.fromTransaction(tx -> {
                Ticket ticket = session.find(Ticket.class, id);
                ticket.close();
                session.flush();
                return new Served<>(ticket, serverId(session));
            });
        }
    }

    private static long serverId(Session session) {
        return session.createNativeQuery("SELECT @@server_id", Long.class).getSingleResult();
    }

    @Override
    public void close() {
        sessionFactory.close();
    }
}
