package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an optimistic transaction from its replica to the primary: begins a transaction on the primary, runs each
 * logged read again inside it and compares the rows the application received with the primary's, by count and
 * checksum. Equal: result sets still open go on reading from the primary, and {@link #primary()} is the transaction's
 * connection from now on. Different: the primary's transaction is rolled back and {@link Refused} carries the
 * SQLState 40001 failure for the application.
 *
 * <p>When the primary cannot be reached or breaks during the move, the failure is reported as for any statement on the
 * primary, and the transaction stays on its replica untouched: the application may roll it back.
 */
final class TransactionMove {
    private static final Logger log = LoggerFactory.getLogger(TransactionMove.class);

    private final RoutingSession session;
    private final PlacementRules rules;
    private final SessionState state;
    private final PhysicalConnection replica;
    private final String beginSql;
    private final List<String> characteristics;
    private PhysicalConnection primary;

    /** The move found a read that changed: the failure to throw once the replica's transaction is ended. */
    static final class Refused extends Exception {
        private final SQLException failure;

        Refused(SQLException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }

        SQLException failure() {
            return failure;
        }
    }

    private record Continuation(RecordedResults results, ResultSet primaryResults) {
    }

    TransactionMove(RoutingSession session, PlacementRules rules, SessionState state, PhysicalConnection replica,
                    String beginSql, List<String> characteristics) {
        this.session = session;
        this.rules = rules;
        this.state = state;
        this.replica = replica;
        this.beginSql = beginSql;
        this.characteristics = characteristics;
    }

    /** The primary's connection, holding the transaction, once {@link #run} succeeded. */
    PhysicalConnection primary() {
        return primary;
    }

    /**
     * @param reads  the transaction's reads on the replica, in order
     * @param reason what needs the primary, for the log and the failure
     */
    void run(List<ReplayedRead> reads, String reason) throws SQLException, Refused {
        PhysicalConnection lease = rules.onPrimary(null);
        rules.startTransaction(lease, characteristics);
        List<Continuation> continuations = new ArrayList<>();
        ReplayedRead changed;
        try {
            if (beginSql != null && state.autoCommit) {
                try (Statement begin = lease.connection().createStatement()) {
                    begin.execute(beginSql);
                }
            }
            changed = verify(reads, lease, continuations);
        } catch (SQLException e) {
            close(continuations);
            if (FailurePolicy.breaksConnection(e)) {
                FailureKind kind = FailurePolicy.kindOf(e, false);
                if (FailurePolicy.reportsNode(kind)) {
                    rules.cluster().reportConnectionFailure(lease.node(), e);
                }
                lease.discard();
                lease.release();
                throw FailurePolicy.describe(e, kind, lease, null, null);
            }
            rollbackQuietly(lease, rules);
            lease.release();
            throw new Refused(refusal(reason, "a read could not run again on the primary: " + e.getMessage(), e));
        }
        if (changed != null) {
            close(continuations);
            rollbackQuietly(lease, rules);
            lease.release();
            throw new Refused(refusal(reason, "a read gave different rows on the primary than on " + replica.node()
                    + " (" + ExecutionBooks.loggable(changed.sql) + ")", null));
        }
        for (Continuation continuation : continuations) {
            continuation.results().continueOn(continuation.primaryResults(), lease);
        }
        primary = lease;
        if (log.isDebugEnabled()) {
            log.debug("rwsplit[{}] {}: optimistic transaction moved from {} to {} at {}, {} reads verified",
                    session.clusterName(), session.name(), replica.node(), lease.node(), reason, reads.size());
        }
    }

    /** Runs each read again on the primary; returns the first whose rows differ, or null when all are equal. */
    private static ReplayedRead verify(List<ReplayedRead> reads, PhysicalConnection lease,
                                       List<Continuation> continuations) throws SQLException {
        for (ReplayedRead read : reads) {
            if (!read.needsReplay()) {
                continue;
            }
            ResultSet results = read.replay.run(lease.connection());
            // The primary served it: it counts among its reads, so the figures show what moves cost there.
            lease.node().counters().read();
            boolean kept = false;
            try {
                if (!sameRows(read, results)) {
                    return read;
                }
                if (read.continuesOnPrimary()) {
                    continuations.add(new Continuation(read.open, results));
                    kept = true;
                }
            } finally {
                if (!kept) {
                    closeWithStatement(results);
                }
            }
        }
        return null;
    }

    /** Reads as many rows as the application received (and one more when it saw the end), checksumming them. */
    private static boolean sameRows(ReplayedRead read, ResultSet results) throws SQLException {
        ResultChecksum received = read.received;
        ResultChecksum again = new ResultChecksum();
        boolean[] binary = ResultChecksum.binaryColumns(results);
        while (again.rows() < received.rows() && results.next()) {
            again.row(results, binary);
        }
        return again.sameAs(received) && (!read.exhausted || !results.next());
    }

    private SQLException refusal(String reason, String what, SQLException cause) {
        return new SQLTransactionRollbackException("rwsplit: the optimistic transaction was rolled back and nothing of"
                + " it was committed: at its first statement that needed the primary (" + reason + "), " + what
                + ". Retry the transaction", "40001", cause);
    }

    private static void close(List<Continuation> continuations) {
        for (Continuation continuation : continuations) {
            closeWithStatement(continuation.primaryResults());
        }
    }

    private static void closeWithStatement(ResultSet results) {
        try {
            Statement statement = results.getStatement();
            results.close();
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            log.debug("closing a replayed read failed", e);
        }
    }

    /**
     * Rolls back what {@code lease} holds with SQL ROLLBACK, which also ends a transaction opened by BEGIN under
     * autocommit. A connection that fails to do so is discarded: closing it rolls back on the server.
     */
    static void rollbackQuietly(PhysicalConnection lease, PlacementRules rules) {
        try (Statement rollback = lease.connection().createStatement()) {
            rollback.execute("ROLLBACK");
        } catch (SQLException e) {
            if (FailurePolicy.breaksConnection(e)) {
                rules.cluster().reportConnectionFailure(lease.node(), e);
            }
            log.debug("rwsplit: ROLLBACK on {} failed; the connection is discarded", lease.node(), e);
            lease.discard();
        }
    }
}
