package io.github.rwsplit.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A logical statement's view of its current execution: its result sets, update counts, further results, generated
 * keys and warnings, read from the physical statement while the execution holds it.
 */
abstract class StatementResults extends StatementSettings {
    /** The last execution, or null before the first; its lease is held until its results are done with. */
    Execution current;

    StatementResults(int resultSetType, int resultSetConcurrency, int resultSetHoldability) {
        super(resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    final void finishCurrent() {
        Execution previous = current;
        current = null;
        if (previous != null) {
            previous.finish();
        }
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current == null ? null : current.resultSet();
    }

    @Override
    public int getUpdateCount() throws SQLException {
        long count = getLargeUpdateCount();
        return count > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) count;
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        if (current == null || current.resultSet() != null && !current.finished()) {
            return -1;
        }
        return current.updateCount();
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int currentResult) throws SQLException {
        checkOpen();
        return current != null && current.moreResults(currentResult);
    }

    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        if (current != null && current.keptKeys() != null) {
            return current.keptKeys();
        }
        Statement physical = current == null ? null : current.physical();
        if (physical == null) {
            throw new SQLException("Generated keys not requested. You need to specify Statement.RETURN_GENERATED_KEYS"
                    + " to Statement.executeUpdate(), Statement.executeLargeUpdate() or Connection.prepareStatement().",
                    "S1009");
        }
        return current.attachKeys(physical.getGeneratedKeys());
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        Statement physical = current == null ? null : current.physical();
        return physical == null ? null : physical.getWarnings();
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
        Statement physical = current == null ? null : current.physical();
        if (physical != null) {
            physical.clearWarnings();
        }
    }

    /**
     * JDBC unwrap. The physical statement exists only during an execution; outside one there is nothing to unwrap to.
     */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        Statement physical = current == null ? null : current.physical();
        if (physical != null && physical.isWrapperFor(type)) {
            return physical.unwrap(type);
        }
        throw new SQLException("rwsplit: cannot unwrap to " + type.getName() + ": a statement has a physical statement"
                + " only while the results of an execution are open, and each execution may run on another node",
                "S1009");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        if (type.isInstance(this)) {
            return true;
        }
        Statement physical = current == null ? null : current.physical();
        return physical != null && physical.isWrapperFor(type);
    }
}
