package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.LinkedMembers;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.routing.PhysicalCall;
import io.github.rwsplit.internal.routing.ReadReplay;
import io.github.rwsplit.internal.routing.RoutingSession;
import io.github.rwsplit.internal.routing.SessionCommands;
import io.github.rwsplit.internal.routing.StatementOpener;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.StatementKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A logical statement. Each execution is classified and routed on its own (docs/routing.md), runs on a physical statement
 * created for it on the chosen node, and keeps that node's connection only as long as its results are in use.
 * Settings (fetch size, timeouts, limits) are kept by {@link StatementSettings} and applied to every physical statement.
 */
class RoutingStatement extends StatementResults
        implements StatementOpener, SessionCommands.ServerPart, LinkedMembers.Member<RoutingStatement> {
    private static final Logger log = LoggerFactory.getLogger(RoutingStatement.class);

    final RoutingConnection connection;
    final RoutingSession session;
    private volatile boolean closed;
    private boolean closeOnCompletion;
    /** Statements added by addBatch(); created by the first, since most statements never batch. */
    private SqlTextBatch batch;
    /** The physical statement while an execution runs, for cancel() and close() from another thread. */
    private volatile Statement running;
    private volatile PhysicalConnection runningOn;
    private volatile boolean cancelled;
    /** Links of the connection's {@link OpenStatements}; guarded by that list. */
    private RoutingStatement previousOpen;
    private RoutingStatement nextOpen;

    RoutingStatement(RoutingConnection connection, int resultSetType, int resultSetConcurrency,
                     int resultSetHoldability) {
        super(resultSetType, resultSetConcurrency, resultSetHoldability);
        this.connection = connection;
        this.session = connection.session();
    }

    // ---- the execution core ----

    /**
     * Runs one execution through the routing session, which places it, retries a read once elsewhere after a broken
     * connection, and applies the failure policy. On success {@link #current} holds the new execution.
     *
     * @param holdsUntilDone whether results may be read after the first one (more results, generated keys, OUT
     *                       parameters), so the lease stays until they are done with
     */
    final <T> T run(String sql, Classification classification, boolean holdsUntilDone, PhysicalCall<T> call)
            throws SQLException {
        T result;
        Statement physical;
        PhysicalConnection lease;
        try {
            result = session.execute(sql, classification, this, call);
            // What the last, successful attempt opened: only this thread sets them.
            physical = running;
            lease = runningOn;
        } finally {
            running = null;
            runningOn = null;
        }
        current = Execution.onServer(this, lease, physical, holdsUntilDone
                || classification.kind() == StatementKind.MULTI || classification.kind() == StatementKind.CALL);
        if (closed) {
            // Closed by another thread while it ran: nothing will read these results.
            finishCurrent();
        }
        return result;
    }

    @Override
    public final Statement open(PhysicalConnection lease) throws SQLException {
        cancelled = false;
        Statement physical = createPhysical(lease);
        runningOn = lease;
        running = physical;
        return physical;
    }

    @Override
    public final boolean cancelled() {
        return cancelled;
    }

    /** Creates the physical statement on the lease's connection, with this statement's settings. */
    Statement createPhysical(PhysicalConnection lease) throws SQLException {
        return applySettings(lease.connection().createStatement(resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    /** Whether session commands (SET, USE) may be answered locally; not when their values are bound parameters. */
    boolean answersLocally() {
        return true;
    }

    @Override
    public boolean replayable() {
        return true;
    }

    @Override
    public ReadReplay replay(String sql) {
        if (resultSetConcurrency != ResultSet.CONCUR_READ_ONLY) {
            return null;
        }
        return physicalConnection -> applySettings(physicalConnection.createStatement(resultSetType,
                resultSetConcurrency, resultSetHoldability)).executeQuery(sql);
    }

    /**
     * Starts a new execution: the previous one's results close (JDBC: executing a statement closes its current result
     * set), and session commands are answered without a physical statement.
     *
     * @return true when the statement was a session command that is now done
     */
    final boolean begin(String sql, Classification classification) throws SQLException {
        checkOpen();
        finishCurrent();
        if (answersLocally() && SessionCommands.run(session, classification, this)) {
            current = Execution.local(this);
            return true;
        }
        return false;
    }

    @Override
    public final void runOnServer(String sql) throws SQLException {
        run(sql, classify(sql), false, Statement::execute);
        finishCurrent();
    }

    final Classification classify(String sql) {
        return session.router().classify(sql);
    }

    /** Called by a result set of this statement when it closes (closeOnCompletion). */
    void resultSetClosed() {
        if (closeOnCompletion && (current == null || current.finished())) {
            closeQuietly();
        }
    }

    // ---- Statement: executing ----

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        Classification classification = classify(sql);
        if (begin(sql, classification)) {
            throw noResultSet();
        }
        if (classification.has(Classification.RETURNS_ROWS)) {
            return returnedRows(run(sql, classification, false, Statement::execute));
        }
        ResultSet results = run(sql, classification, false, Statement::executeQuery);
        return current.attach(results);
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return (int) update(sql, false, (physical, text) -> (long) physical.executeUpdate(text));
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return (int) update(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS,
                (physical, text) -> (long) physical.executeUpdate(text, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return (int) update(sql, true, (physical, text) -> (long) physical.executeUpdate(text, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return (int) update(sql, true, (physical, text) -> (long) physical.executeUpdate(text, columnNames));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        return update(sql, false, Statement::executeLargeUpdate);
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return update(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS,
                (physical, text) -> physical.executeLargeUpdate(text, autoGeneratedKeys));
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return update(sql, true, (physical, text) -> physical.executeLargeUpdate(text, columnIndexes));
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        return update(sql, true, (physical, text) -> physical.executeLargeUpdate(text, columnNames));
    }

    private long update(String sql, boolean keys, PhysicalCall<Long> call) throws SQLException {
        Classification classification = classify(sql);
        if (begin(sql, classification)) {
            return 0;
        }
        long count = run(sql, classification, keys, call);
        finishUnlessHeld(count);
        return count;
    }

    /** Ends an execution whose only result is the update count just returned. */
    final void finishUnlessHeld(long count) {
        current.updateCount(count);
        if (!current.holdsUntilDone() && !current.morePending()) {
            current.finish();
        }
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return execute(sql, false, Statement::execute);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return execute(sql, autoGeneratedKeys == RETURN_GENERATED_KEYS,
                (physical, text) -> physical.execute(text, autoGeneratedKeys));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return execute(sql, true, (physical, text) -> physical.execute(text, columnIndexes));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return execute(sql, true, (physical, text) -> physical.execute(text, columnNames));
    }

    private boolean execute(String sql, boolean keys, PhysicalCall<Boolean> call) throws SQLException {
        Classification classification = classify(sql);
        if (begin(sql, classification)) {
            return false;
        }
        boolean hasResults = run(sql, classification, keys, call);
        return afterExecute(hasResults);
    }

    /** Attaches the first result of an execute(); a lone update count ends the execution at once. */
    final boolean afterExecute(boolean hasResults) throws SQLException {
        Statement physical = current.physical();
        if (hasResults) {
            current.attach(physical.getResultSet());
        } else {
            finishUnlessHeld(physical.getLargeUpdateCount());
        }
        return hasResults;
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        if (batch == null) {
            batch = new SqlTextBatch();
        }
        batch.add(sql);
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch = null;
    }

    @Override
    public final int[] executeBatch() throws SQLException {
        return BatchCounts.narrow(runBatch(false));
    }

    @Override
    public final long[] executeLargeBatch() throws SQLException {
        return runBatch(true);
    }

    /** Runs the batch ({@link SqlTextBatch}) and forgets it; {@code large} picks executeLargeBatch. */
    long[] runBatch(boolean large) throws SQLException {
        checkOpen();
        finishCurrent();
        SqlTextBatch taken = batch;
        batch = null;
        return taken == null ? new long[0] : taken.run(this, large);
    }

    /**
     * The rows of a write with MariaDB's RETURNING clause ({@code INSERT ... RETURNING id}, as jOOQ's MariaDB dialect
     * sends it to executeQuery), which ran through execute because Connector/J refuses every INSERT, REPLACE and
     * DELETE in executeQuery. Other writes still fail there before they run.
     *
     * @param hasResults what execute answered
     */
    final ResultSet returnedRows(boolean hasResults) throws SQLException {
        afterExecute(hasResults);
        if (!hasResults) {
            throw new SQLException("rwsplit: the statement ran on the primary but returned no result set; run"
                    + " statements without a RETURNING clause with executeUpdate or execute", "S1009");
        }
        return current.resultSet();
    }

    static SQLException noResultSet() {
        return new SQLException("Statement.executeQuery() cannot issue statements that do not produce result sets.",
                "S1009");
    }

    // ---- Statement: settings ----

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        stopRunning();
    }

    /**
     * Stops the execution in flight, from any thread: Connector/J's cancel (KILL QUERY on a connection of its own). The
     * execution then fails as cancelled and is never retried.
     */
    final void stopRunning() throws SQLException {
        Statement physical = running;
        if (physical != null && !cancelled) {
            cancelled = true;
            physical.cancel();
        }
    }

    /**
     * Connection.abort: cuts the socket under the execution in flight, which then fails as cancelled and is never
     * pooled again. Unlike cancel() this needs no answer from the server, which may be the one that hangs.
     */
    final void cutRunning() {
        PhysicalConnection lease = runningOn;
        if (lease != null) {
            // Marked cancelled first, so that close() does not ask the server to cancel too (it may be the one hanging).
            cancelled = true;
            lease.abort();
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        checkOpen();
        return connection;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void closeOnCompletion() throws SQLException {
        checkOpen();
        closeOnCompletion = true;
    }

    @Override
    public boolean isCloseOnCompletion() throws SQLException {
        checkOpen();
        return closeOnCompletion;
    }

    // ---- lifecycle ----

    @Override
    public final RoutingStatement previousMember() {
        return previousOpen;
    }

    @Override
    public final void previousMember(RoutingStatement statement) {
        previousOpen = statement;
    }

    @Override
    public final RoutingStatement nextMember() {
        return nextOpen;
    }

    @Override
    public final void nextMember(RoutingStatement statement) {
        nextOpen = statement;
    }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stopRunning();
        } catch (SQLException e) {
            log.debug("cancelling the statement in flight at close failed", e);
        }
        try {
            finishCurrent();
        } finally {
            connection.forget(this);
        }
    }

    /**
     * Clears what an application left on this closed statement (a batch, closeOnCompletion, its settings), so that it
     * can be handed out again as a new one; see {@link ReusablePreparedStatements}.
     */
    void clearForReuse() {
        closeOnCompletion = false;
        batch = null;
        cancelled = false;
        resetSettings();
    }

    /** Whether an execution is in flight (on another thread, since close was called on this one). */
    final boolean executing() {
        return running != null || runningOn != null;
    }

    /** Opens this statement again, cleared, for a new prepareStatement of its SQL. */
    final void reopen() {
        closed = false;
    }

    final void closeQuietly() {
        try {
            close();
        } catch (SQLException e) {
            log.debug("closing a statement failed", e);
        }
    }

    @Override
    final void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("No operations allowed after statement closed.", "S1009");
        }
        connection.checkOpen();
    }
}
