package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.delegation.ParameterBinding;
import io.github.rwsplit.internal.delegation.PreparedParameterBinding;
import io.github.rwsplit.internal.routing.PhysicalCall;
import io.github.rwsplit.internal.routing.ReadReplay;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.StatementKind;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A logical prepared statement. It is classified once, when prepared; each execution is routed on its own (so a read
 * executed a hundred times spreads over the replicas), prepares its physical statement on the chosen node and replays
 * the parameters recorded here.
 */
class RoutingPreparedStatement extends RoutingStatement implements PreparedParameterBinding {
    private static final ParameterBinding[] NO_BINDINGS = new ParameterBinding[0];

    final String sql;
    final Classification classification;
    private final GeneratedKeys keys;
    private ParameterBinding[] bindings = NO_BINDINGS;
    private int highestIndex;
    private boolean readsStream;
    /** Rows added by addBatch(); created by the first, since most statements never batch. */
    private List<ParameterBinding[]> batches;

    RoutingPreparedStatement(RoutingConnection connection, String sql, GeneratedKeys keys, int resultSetType,
                             int resultSetConcurrency, int resultSetHoldability) {
        super(connection, resultSetType, resultSetConcurrency, resultSetHoldability);
        this.sql = sql;
        this.keys = keys;
        this.classification = sessionBoundWhenParameterised(connection.session().router().classify(sql), sql);
    }

    /**
     * A SET whose values are bound parameters cannot be replayed as text on other sessions: it runs on the primary and
     * pins that session, like a user variable would.
     */
    private static Classification sessionBoundWhenParameterised(Classification classification, String sql) {
        if (classification.kind() != StatementKind.SET || sql.indexOf('?') < 0) {
            return classification;
        }
        return new Classification(classification.target(), classification.kind(),
                classification.effects() | Classification.SESSION_BOUND, classification.hints(),
                classification.setItems(), classification.database(), classification.createdTemporaryTables(),
                classification.droppedTables(), classification.decidedByParser());
    }

    /** Whether this statement answers a prepareStatement of its SQL with these arguments. */
    final boolean hasShape(GeneratedKeys requested, int type, int concurrency, int holdability) {
        return keys.equals(requested) && resultSetType == type && resultSetConcurrency == concurrency
                && resultSetHoldability == holdability;
    }

    /**
     * Whether a closed statement may be handed out again: the application left the poolable hint on (JDBC's default
     * for prepared statements) and no execution is still running on another thread.
     */
    boolean reusable() {
        return poolableHint() && !executing();
    }

    @Override
    public void close() throws SQLException {
        if (isClosed()) {
            return;
        }
        super.close();
        if (reusable()) {
            connection.closedForReuse(this);
        }
    }

    @Override
    void clearForReuse() {
        super.clearForReuse();
        Arrays.fill(bindings, null);
        highestIndex = 0;
        readsStream = false;
        batches = null;
    }

    @Override
    boolean answersLocally() {
        return classification.kind() != StatementKind.SET || sql.indexOf('?') < 0;
    }

    @Override
    Statement createPhysical(PhysicalConnection lease) throws SQLException {
        PreparedStatement physical = prepare(lease.connection());
        bindAll(physical, bindings);
        return physical;
    }

    /** Prepares the physical statement for this SQL on one connection, with the same shape and settings. */
    PreparedStatement prepare(Connection physicalConnection) throws SQLException {
        return applySettings(keys.prepare(physicalConnection, sql, resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    final void bindAll(PreparedStatement physical, ParameterBinding[] values) throws SQLException {
        for (int i = 1; i <= highestIndex && i < values.length; i++) {
            if (values[i] != null) {
                values[i].apply(physical, i);
            }
        }
    }

    @Override
    public boolean replayable() {
        return !readsStream;
    }

    @Override
    public ReadReplay replay(String ignored) {
        if (!replayable() || resultSetConcurrency != ResultSet.CONCUR_READ_ONLY) {
            return null;
        }
        // The values as this execution binds them: the application may set others before the replay runs.
        ParameterBinding[] values = Arrays.copyOf(bindings, highestIndex + 1);
        return physicalConnection -> {
            PreparedStatement physical = prepare(physicalConnection);
            for (int i = 1; i < values.length; i++) {
                if (values[i] != null) {
                    values[i].apply(physical, i);
                }
            }
            ResultSet rows = physical.executeQuery();
            // Connector/J has the rows (or the stream) by now; the settings must not stay in its statement cache.
            undoSettings(physical);
            return rows;
        };
    }

    // ---- parameters ----

    @Override
    public void bind(int parameterIndex, ParameterBinding binding) throws SQLException {
        checkOpen();
        if (parameterIndex < 1) {
            throw new SQLException("Parameter index out of range (" + parameterIndex + " < 1 ).", "S1009");
        }
        if (parameterIndex >= bindings.length) {
            bindings = Arrays.copyOf(bindings, Math.max(parameterIndex + 1, bindings.length * 2 + 2));
        }
        bindings[parameterIndex] = binding;
        highestIndex = Math.max(highestIndex, parameterIndex);
    }

    @Override
    public void bindOnce(int parameterIndex, ParameterBinding binding) throws SQLException {
        bind(parameterIndex, binding);
        readsStream = true;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(bindings, null);
        highestIndex = 0;
        readsStream = false;
    }

    // ---- executing ----

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (begin(sql, classification)) {
            throw noResultSet();
        }
        if (classification.has(Classification.RETURNS_ROWS)) {
            return returnedRows(run(sql, classification, false,
                    (physical, text) -> ((PreparedStatement) physical).execute()));
        }
        ResultSet results = run(sql, classification, false,
                (physical, text) -> ((PreparedStatement) physical).executeQuery());
        return current.attach(results);
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) update((physical, text) -> (long) ((PreparedStatement) physical).executeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return update((physical, text) -> ((PreparedStatement) physical).executeLargeUpdate());
    }

    private long update(PhysicalCall<Long> call) throws SQLException {
        if (begin(sql, classification)) {
            return 0;
        }
        long count = run(sql, classification, keys.requested(), call);
        finishUnlessHeld(count);
        return count;
    }

    @Override
    public boolean execute() throws SQLException {
        if (begin(sql, classification)) {
            return false;
        }
        boolean hasResults = run(sql, classification, keys.requested(),
                (physical, text) -> ((PreparedStatement) physical).execute());
        return afterExecute(hasResults);
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        if (batches == null) {
            batches = new ArrayList<>();
        }
        batches.add(Arrays.copyOf(bindings, highestIndex + 1));
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batches = null;
    }

    @Override
    long[] runBatch(boolean large) throws SQLException {
        checkOpen();
        finishCurrent();
        List<ParameterBinding[]> rows = batches == null ? List.of() : batches;
        batches = null;
        if (rows.isEmpty()) {
            return new long[0];
        }
        long[] counts = run(sql, classification, false, (physical, text) -> {
            PreparedStatement prepared = (PreparedStatement) physical;
            prepared.clearParameters();
            for (ParameterBinding[] row : rows) {
                bindAll(prepared, row);
                prepared.addBatch();
            }
            return large ? prepared.executeLargeBatch() : BatchCounts.widen(prepared.executeBatch());
        });
        current = current.finishKeepingKeys(keys.requested());
        return counts;
    }

    // ---- metadata ----

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        Statement physical = current == null ? null : current.physical();
        if (physical instanceof PreparedStatement prepared) {
            return prepared.getMetaData();
        }
        return describe(PreparedStatement::getMetaData);
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        Statement physical = current == null ? null : current.physical();
        if (physical instanceof PreparedStatement prepared) {
            return prepared.getParameterMetaData();
        }
        return describe(PreparedStatement::getParameterMetaData);
    }

    /** Metadata before any execution: prepared on the node an execution would use, without running it. */
    private <T> T describe(Describe<T> describe) throws SQLException {
        PhysicalConnection lease = session.place(classification, sql);
        try (PreparedStatement prepared = prepare(lease.connection())) {
            try {
                return describe.of(prepared);
            } finally {
                undoSettings(prepared);
            }
        } finally {
            lease.release();
        }
    }

    @FunctionalInterface
    private interface Describe<T> {
        T of(PreparedStatement prepared) throws SQLException;
    }

    // ---- the SQL-taking Statement methods do not apply to a prepared statement (JDBC) ----

    @Override
    public ResultSet executeQuery(String ignored) throws SQLException {
        throw notOnPrepared("executeQuery(String)");
    }

    @Override
    public int executeUpdate(String ignored) throws SQLException {
        throw notOnPrepared("executeUpdate(String)");
    }

    @Override
    public boolean execute(String ignored) throws SQLException {
        throw notOnPrepared("execute(String)");
    }

    @Override
    public void addBatch(String ignored) throws SQLException {
        throw notOnPrepared("addBatch(String)");
    }

    private static SQLException notOnPrepared(String method) {
        return new SQLException("Can not call " + method + " on a PreparedStatement", "S1009");
    }
}
