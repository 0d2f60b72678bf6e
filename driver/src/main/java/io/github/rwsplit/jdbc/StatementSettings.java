package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.ConnectorStatements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings of a logical statement (limits, fetch size and direction, timeouts, cursor name), validated as
 * Connector/J validates them and applied to each physical statement an execution creates, whichever node it runs on.
 */
abstract class StatementSettings implements Statement {
    private static final Logger log = LoggerFactory.getLogger(StatementSettings.class);

    final int resultSetType;
    final int resultSetConcurrency;
    final int resultSetHoldability;
    private boolean poolable;
    /** The settings the application changed; null while all are at their defaults, as for most statements. */
    private Changed changed;

    StatementSettings(int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
        this.resultSetType = resultSetType;
        this.resultSetConcurrency = resultSetConcurrency;
        this.resultSetHoldability = resultSetHoldability;
        this.poolable = poolableByDefault();
    }

    /** JDBC's default poolable hint: true for prepared and callable statements, false for plain ones. */
    private boolean poolableByDefault() {
        return this instanceof PreparedStatement;
    }

    /**
     * Settings an application rarely changes, kept apart so that a statement that changes none is smaller: one is
     * created per statement, often per request.
     */
    private static final class Changed {
        long maxRows;
        int fetchSize;
        int fetchDirection = ResultSet.FETCH_FORWARD;
        int queryTimeout;
        int maxFieldSize;
        boolean escapeProcessing = true;
        String cursorName;
    }

    private Changed changed() {
        if (changed == null) {
            changed = new Changed();
        }
        return changed;
    }

    /** Every setting back to its default, for a statement that is used again as if new. */
    final void resetSettings() {
        poolable = poolableByDefault();
        changed = null;
    }

    /**
     * Undoes this statement's settings on a physical prepared statement before it is closed, when the application
     * changed any: Connector/J keeps the closed statement in its cache as it is, for whoever on that physical
     * connection prepares the same SQL next, and a row limit or timeout must not follow it there. A statement whose
     * settings cannot be undone is marked not poolable, so that closing it ends it instead of caching it. Never throws.
     */
    final void undoSettings(Statement physical) {
        if (changed == null || !(physical instanceof PreparedStatement)) {
            return;
        }
        try {
            ConnectorStatements.restoreDefaults(physical);
        } catch (SQLException e) {
            log.debug("restoring a physical statement's settings failed; it is closed for good instead", e);
            try {
                physical.setPoolable(false);
            } catch (SQLException notPoolable) {
                e.addSuppressed(notPoolable);
            }
        }
    }

    /** The poolable hint, readable after close (isPoolable refuses a closed statement). */
    final boolean poolableHint() {
        return poolable;
    }

    /** Refuses calls on a closed statement, or a statement of a closed connection. */
    abstract void checkOpen() throws SQLException;

    final <S extends Statement> S applySettings(S physical) throws SQLException {
        Changed settings = changed;
        if (settings == null) {
            return physical;
        }
        if (settings.maxRows > 0) {
            physical.setLargeMaxRows(settings.maxRows);
        }
        if (settings.fetchSize != 0) {
            physical.setFetchSize(settings.fetchSize);
        }
        if (settings.fetchDirection != ResultSet.FETCH_FORWARD) {
            physical.setFetchDirection(settings.fetchDirection);
        }
        if (settings.queryTimeout > 0) {
            physical.setQueryTimeout(settings.queryTimeout);
        }
        if (settings.maxFieldSize > 0) {
            physical.setMaxFieldSize(settings.maxFieldSize);
        }
        if (!settings.escapeProcessing) {
            physical.setEscapeProcessing(false);
        }
        if (settings.cursorName != null) {
            physical.setCursorName(settings.cursorName);
        }
        return physical;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return changed == null ? 0 : changed.maxFieldSize;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("Illegal value for setMaxFieldSize(): " + max, "S1009");
        }
        changed().maxFieldSize = max;
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(Integer.MAX_VALUE, getLargeMaxRows());
    }

    @Override
    public void setMaxRows(int max) throws SQLException {
        setLargeMaxRows(max);
    }

    @Override
    public long getLargeMaxRows() throws SQLException {
        checkOpen();
        return changed == null ? 0 : changed.maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("Illegal value for setMaxRows(): " + max, "S1009");
        }
        changed().maxRows = max;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        changed().escapeProcessing = enable;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return changed == null ? 0 : changed.queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("Illegal value for setQueryTimeout(): " + seconds, "S1009");
        }
        changed().queryTimeout = seconds;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
        changed().cursorName = name;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && direction != ResultSet.FETCH_REVERSE
                && direction != ResultSet.FETCH_UNKNOWN) {
            throw new SQLException("Illegal value for setFetchDirection(): " + direction, "S1009");
        }
        changed().fetchDirection = direction;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return changed == null ? ResultSet.FETCH_FORWARD : changed.fetchDirection;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        // Integer.MIN_VALUE is Connector/J's request for a streaming result set.
        if (rows < 0 && rows != Integer.MIN_VALUE) {
            throw new SQLException("Illegal value for setFetchSize(): " + rows, "S1009");
        }
        changed().fetchSize = rows;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return changed == null ? 0 : changed.fetchSize;
    }

    @Override
    public void setPoolable(boolean value) throws SQLException {
        checkOpen();
        poolable = value;
    }

    @Override
    public boolean isPoolable() throws SQLException {
        checkOpen();
        return poolable;
    }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return resultSetConcurrency;
    }

    @Override
    public int getResultSetType() throws SQLException {
        checkOpen();
        return resultSetType;
    }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return resultSetHoldability;
    }
}
