package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.delegation.DelegatingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A result set as the application sees it: it answers {@link #getStatement()} with the logical statement, and its close
 * tells the execution it came from, which may then give its physical connection back.
 */
final class RoutingResultSet extends DelegatingResultSet {
    private static final Logger log = LoggerFactory.getLogger(RoutingResultSet.class);

    private final Origin origin;
    private boolean closed;

    RoutingResultSet(ResultSet delegate, Origin origin) {
        super(delegate);
        this.origin = origin;
    }

    /**
     * Where a result set comes from. A query's execution is its own origin, so that a query's result set is one object
     * with two fields rather than three; other result sets name theirs with {@link #of}.
     */
    interface Origin {
        /** The logical statement, or null for metadata results (JDBC allows getStatement() to be null there). */
        Statement statement();

        /** Runs once, after the physical result set is closed. */
        void resultSetClosed();

        static Origin of(Statement statement, Runnable onClose) {
            return new Fixed(statement, onClose);
        }
    }

    private record Fixed(Statement statement, Runnable onClose) implements Origin {
        @Override
        public void resultSetClosed() {
            onClose.run();
        }
    }

    @Override
    public Statement getStatement() throws SQLException {
        if (closed) {
            throw new SQLException("Operation not allowed after ResultSet closed", "S1000");
        }
        return origin.statement();
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            delegate.close();
        } finally {
            origin.resultSetClosed();
        }
    }

    void closeQuietly() {
        try {
            close();
        } catch (SQLException e) {
            log.debug("closing a result set failed", e);
        }
    }
}
