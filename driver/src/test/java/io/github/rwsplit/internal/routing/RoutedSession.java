package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.cluster.StubCluster;
import io.github.rwsplit.internal.sql.Classification;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A routing session over a {@link StubCluster}, driven as the JDBC facades drive it: session commands answered
 * locally, everything else through {@link RoutingSession#execute}. Each call reports the node that served it.
 */
final class RoutedSession {
    private final Router router;
    private final RoutingSession session;
    private boolean cancelled;
    private boolean replayable = true;
    private String lastServedBy;

    RoutedSession(StubCluster stubs) {
        this.router = new Router(stubs.cluster());
        this.session = router.newSession(1);
    }

    RoutingSession session() {
        return session;
    }

    Router router() {
        return router;
    }

    /** Marks the next executions as cancelled by the application (cancel(), close() or abort() from elsewhere). */
    RoutedSession cancelled(boolean on) {
        cancelled = on;
        return this;
    }

    /** Marks the next executions as not replayable (parameters read from streams). */
    RoutedSession replayable(boolean on) {
        replayable = on;
        return this;
    }

    /**
     * Runs {@code sql} and returns the host that served it, or "local" for a session command rwsplit answered itself.
     */
    String run(String sql) throws SQLException {
        Classification classification = router.classify(sql);
        if (SessionCommands.run(session, classification, part -> run(part))) {
            return "local";
        }
        return execute(sql, classification);
    }

    /** Runs {@code sql} with a classification of the caller's choosing (a batch's, say). */
    String execute(String sql, Classification classification) throws SQLException {
        PhysicalConnection[] openedOn = new PhysicalConnection[1];
        Statement[] opened = new Statement[1];
        session.execute(sql, classification, opener(sql, openedOn, opened), Statement::execute);
        try {
            return openedOn[0].node().host().host();
        } finally {
            opened[0].close();
            openedOn[0].release();
        }
    }

    /**
     * Runs the read {@code sql} and returns its result set as the application gets it (through
     * {@link RoutingSession#results}); closing it gives the connection back. {@link #servedBy} names the node.
     */
    ResultSet query(String sql) throws SQLException {
        PhysicalConnection[] openedOn = new PhysicalConnection[1];
        Statement[] opened = new Statement[1];
        ResultSet physical = session.execute(sql, router.classify(sql), opener(sql, openedOn, opened),
                Statement::executeQuery);
        lastServedBy = openedOn[0].node().host().host();
        ResultSet results = session.results(physical);
        return (ResultSet) Proxy.newProxyInstance(RoutedSession.class.getClassLoader(),
                new Class<?>[] {ResultSet.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(results, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("close")) {
                            opened[0].close();
                            openedOn[0].release();
                        }
                    }
                });
    }

    /** Runs the read {@code sql}, reads every row of it, and returns the host that served it. */
    String read(String sql) throws SQLException {
        try (ResultSet results = query(sql)) {
            while (results.next()) {
                results.getString(1);
            }
        }
        return lastServedBy;
    }

    /** The host that served the last {@link #query}. */
    String servedBy() {
        return lastServedBy;
    }

    private StatementOpener opener(String sql, PhysicalConnection[] openedOn, Statement[] opened) {
        return new StatementOpener() {
            @Override
            public Statement open(PhysicalConnection lease) throws SQLException {
                openedOn[0] = lease;
                opened[0] = lease.connection().createStatement();
                return opened[0];
            }

            @Override
            public boolean cancelled() {
                return cancelled;
            }

            @Override
            public boolean replayable() {
                return replayable;
            }

            @Override
            public ReadReplay replay(String read) {
                return replayable ? connection -> connection.createStatement().executeQuery(read) : null;
            }
        };
    }
}
