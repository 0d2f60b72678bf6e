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

    private final Statement owner;
    private final Runnable onClose;
    private boolean closed;

    /**
     * @param owner   the logical statement, or null for metadata results (JDBC allows getStatement() to be null there)
     * @param onClose runs once, after the physical result set is closed
     */
    RoutingResultSet(ResultSet delegate, Statement owner, Runnable onClose) {
        super(delegate);
        this.owner = owner;
        this.onClose = onClose;
    }

    @Override
    public Statement getStatement() throws SQLException {
        if (closed) {
            throw new SQLException("Operation not allowed after ResultSet closed", "S1000");
        }
        return owner;
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
            onClose.run();
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
