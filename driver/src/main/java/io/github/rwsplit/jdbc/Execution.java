package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.ConnectorStatements;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.rowset.CachedRowSet;
import javax.sql.rowset.RowSetProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The results of one execution of a logical statement, and the physical statement and lease they live on. The lease is
 * held until the results are done with: the result set closed, or every result read, or the statement closed or
 * executed again. Executions that answer locally (SET, USE) have no physical statement.
 */
sealed class Execution implements RoutingResultSet.Origin permits Execution.WithKeptKeys {
    private static final Logger log = LoggerFactory.getLogger(Execution.class);

    private final RoutingStatement owner;
    private final PhysicalConnection lease;
    private final Statement physical;
    /** Results that are read later (more results, OUT parameters, generated keys) keep the lease until released. */
    private final boolean holdsUntilDone;
    private RoutingResultSet resultSet;
    private long updateCount;
    private boolean finished;

    private Execution(RoutingStatement owner, PhysicalConnection lease, Statement physical, boolean holdsUntilDone,
                      long updateCount, boolean finished) {
        this.owner = owner;
        this.lease = lease;
        this.physical = physical;
        this.holdsUntilDone = holdsUntilDone;
        this.updateCount = updateCount;
        this.finished = finished;
    }

    /** An execution on a server. */
    static Execution onServer(RoutingStatement owner, PhysicalConnection lease, Statement physical,
                              boolean holdsUntilDone) {
        return new Execution(owner, lease, physical, holdsUntilDone, -1, false);
    }

    /** An execution rwsplit answered itself (a session setting, a COMMIT with nothing to commit). */
    static Execution local(RoutingStatement owner) {
        return new Execution(owner, null, null, false, 0, true);
    }

    Statement physical() {
        return finished ? null : physical;
    }

    boolean finished() {
        return finished;
    }

    boolean holdsUntilDone() {
        return holdsUntilDone;
    }

    RoutingResultSet resultSet() {
        return resultSet;
    }

    /** Wraps a result set of this execution; closing it ends the execution unless more results may follow. */
    RoutingResultSet attach(ResultSet physicalResults) {
        if (physicalResults == null) {
            resultSet = null;
            return null;
        }
        // This execution is the result set's origin: no object of its own per query.
        resultSet = new RoutingResultSet(owner.session.results(physicalResults), this);
        return resultSet;
    }

    /** Wraps the generated keys; they are the last thing read from this execution. */
    RoutingResultSet attachKeys(ResultSet keys) {
        return new RoutingResultSet(keys, RoutingResultSet.Origin.of(owner, this::finish));
    }

    @Override
    public Statement statement() {
        return owner;
    }

    /** The current result set closed. */
    @Override
    public void resultSetClosed() {
        if (!holdsUntilDone && !morePending()) {
            finish();
        }
        owner.resultSetClosed();
    }

    /**
     * Whether the server sent further results after the current one (a multi-statement string, a procedure's final
     * status): Connector/J has them buffered, so asking costs no round trip.
     */
    boolean morePending() {
        if (finished || physical == null) {
            return false;
        }
        try {
            return ConnectorStatements.morePending(physical);
        } catch (SQLException e) {
            return true;
        }
    }

    long updateCount() throws SQLException {
        return finished ? updateCount : physical.getLargeUpdateCount();
    }

    /** Remembers an update count, for statements that are finished as soon as they ran. */
    void updateCount(long count) {
        updateCount = count;
    }

    /** Moves to the next result; ends the execution when there is none. */
    boolean moreResults(int current) throws SQLException {
        if (finished) {
            if (resultSet != null && current != Statement.KEEP_CURRENT_RESULT) {
                resultSet.close();
            }
            resultSet = null;
            updateCount = -1;
            return false;
        }
        boolean more = physical.getMoreResults(current);
        if (more) {
            attach(physical.getResultSet());
            return true;
        }
        resultSet = null;
        if (physical.getLargeUpdateCount() == -1) {
            updateCount = -1;
            finish();
        }
        return false;
    }

    /**
     * Ends the execution now. With {@code keepKeys} its generated keys are first copied into memory, so that
     * getGeneratedKeys() still answers after the connection went back to its pool, and what then stands for the
     * statement's results is a finished execution holding that copy.
     *
     * @return the execution the statement keeps as its current one
     */
    Execution finishKeepingKeys(boolean keepKeys) throws SQLException {
        if (!keepKeys || finished) {
            finish();
            return this;
        }
        RoutingResultSet kept;
        try (ResultSet keys = physical.getGeneratedKeys()) {
            CachedRowSet copy = RowSetProvider.newFactory().createCachedRowSet();
            copy.populate(keys);
            kept = new RoutingResultSet(copy, RoutingResultSet.Origin.of(owner, () -> { }));
        } finally {
            finish();
        }
        return new WithKeptKeys(owner, kept);
    }

    /** Generated keys read before the execution finished (after a batch), kept in memory; null otherwise. */
    RoutingResultSet keptKeys() {
        return null;
    }

    /**
     * A finished batch whose generated keys were copied into memory: a class of its own, so that the field is not
     * part of every execution, one of which is made per statement.
     */
    static final class WithKeptKeys extends Execution {
        private final RoutingResultSet keys;

        private WithKeptKeys(RoutingStatement owner, RoutingResultSet keys) {
            super(owner, null, null, false, -1, true);
            this.keys = keys;
        }

        @Override
        RoutingResultSet keptKeys() {
            return keys;
        }
    }

    /**
     * Closes what is left of this execution (the statement closes or runs again, or its results are all read) and
     * gives the lease back.
     */
    void finish() {
        if (finished) {
            return;
        }
        finished = true;
        if (resultSet != null) {
            resultSet.closeQuietly();
        }
        closePhysical();
        lease.release();
    }

    private void closePhysical() {
        owner.undoSettings(physical);
        try {
            physical.close();
        } catch (SQLException e) {
            log.debug("closing a physical statement failed", e);
        }
    }
}
