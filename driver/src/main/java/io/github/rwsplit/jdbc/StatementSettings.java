package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.ConnectorStatements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The settings of a logical statement (limits, fetch size and direction, timeouts, cursor name), validated as
 * Connector/J validates them and applied to each physical statement an execution creates, whichever node it runs on.
 */
abstract class StatementSettings implements Statement {
    final int resultSetType;
    final int resultSetConcurrency;
    final int resultSetHoldability;
    private long maxRows;
    private int fetchSize;
    private int fetchDirection = ResultSet.FETCH_FORWARD;
    private int queryTimeout;
    private int maxFieldSize;
    private boolean escapeProcessing = true;
    private boolean poolable;
    private String cursorName;
    /** Whether the application changed a setting that reaches the physical statement; until then none needs undoing. */
    private boolean customised;

    /** @param poolable JDBC's default poolable hint: false for a plain statement, true for a prepared one */
    StatementSettings(int resultSetType, int resultSetConcurrency, int resultSetHoldability, boolean poolable) {
        this.resultSetType = resultSetType;
        this.resultSetConcurrency = resultSetConcurrency;
        this.resultSetHoldability = resultSetHoldability;
        this.poolable = poolable;
    }

    /** Every setting back to its default, for a statement that is used again as if new. */
    final void resetSettings(boolean defaultPoolable) {
        maxRows = 0;
        fetchSize = 0;
        fetchDirection = ResultSet.FETCH_FORWARD;
        queryTimeout = 0;
        maxFieldSize = 0;
        escapeProcessing = true;
        poolable = defaultPoolable;
        cursorName = null;
        customised = false;
    }

    /**
     * Undoes this statement's settings on a physical prepared statement before it is closed, when the application
     * changed any: Connector/J keeps the closed statement in its cache as it is, for whoever on that physical
     * connection prepares the same SQL next, and a row limit or timeout must not follow it there.
     */
    final void restoreSettings(Statement physical) throws SQLException {
        if (customised && physical instanceof PreparedStatement) {
            ConnectorStatements.restoreDefaults(physical);
        }
    }

    /** The poolable hint, readable after close (isPoolable refuses a closed statement). */
    final boolean poolableHint() {
        return poolable;
    }

    /** Refuses calls on a closed statement, or a statement of a closed connection. */
    abstract void checkOpen() throws SQLException;

    final <S extends Statement> S applySettings(S physical) throws SQLException {
        if (maxRows > 0) {
            physical.setLargeMaxRows(maxRows);
        }
        if (fetchSize != 0) {
            physical.setFetchSize(fetchSize);
        }
        if (fetchDirection != ResultSet.FETCH_FORWARD) {
            physical.setFetchDirection(fetchDirection);
        }
        if (queryTimeout > 0) {
            physical.setQueryTimeout(queryTimeout);
        }
        if (maxFieldSize > 0) {
            physical.setMaxFieldSize(maxFieldSize);
        }
        if (!escapeProcessing) {
            physical.setEscapeProcessing(false);
        }
        if (cursorName != null) {
            physical.setCursorName(cursorName);
        }
        return physical;
    }

    @Override
    public int getMaxFieldSize() throws SQLException {
        checkOpen();
        return maxFieldSize;
    }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("Illegal value for setMaxFieldSize(): " + max, "S1009");
        }
        maxFieldSize = max;
        customised = true;
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
        return maxRows;
    }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) {
            throw new SQLException("Illegal value for setMaxRows(): " + max, "S1009");
        }
        maxRows = max;
        customised = true;
    }

    @Override
    public void setEscapeProcessing(boolean enable) throws SQLException {
        checkOpen();
        escapeProcessing = enable;
        customised = true;
    }

    @Override
    public int getQueryTimeout() throws SQLException {
        checkOpen();
        return queryTimeout;
    }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) {
            throw new SQLException("Illegal value for setQueryTimeout(): " + seconds, "S1009");
        }
        queryTimeout = seconds;
        customised = true;
    }

    @Override
    public void setCursorName(String name) throws SQLException {
        checkOpen();
        cursorName = name;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD && direction != ResultSet.FETCH_REVERSE
                && direction != ResultSet.FETCH_UNKNOWN) {
            throw new SQLException("Illegal value for setFetchDirection(): " + direction, "S1009");
        }
        fetchDirection = direction;
        customised = true;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return fetchDirection;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        // Integer.MIN_VALUE is Connector/J's request for a streaming result set.
        if (rows < 0 && rows != Integer.MIN_VALUE) {
            throw new SQLException("Illegal value for setFetchSize(): " + rows, "S1009");
        }
        fetchSize = rows;
        customised = true;
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
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
