package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ending transactions by the JDBC methods (commit, rollback, close), and the outcome a broken connection leaves: a
 * COMMIT whose connection broke may or may not have committed (08007); a transaction lost earlier commits nothing.
 */
final class Transactions {
    private static final Logger log = LoggerFactory.getLogger(Transactions.class);

    private final SessionState state;
    private final Pins pins;
    private final PlacementRules rules;
    private final ConsistentReads consistentReads;

    Transactions(SessionState state, Pins pins, PlacementRules rules, ConsistentReads consistentReads) {
        this.state = state;
        this.pins = pins;
        this.rules = rules;
        this.consistentReads = consistentReads;
    }

    void commit() throws SQLException {
        SQLException lost = pins.lostTransaction();
        if (lost != null) {
            pins.clearLostTransaction();
            throw new SQLNonTransientConnectionException("rwsplit: nothing was committed: the transaction's connection"
                    + " broke earlier (" + lost.getMessage() + ") and the server rolled it back", "08003", lost);
        }
        PhysicalConnection lease = pins.transaction();
        if (lease == null) {
            return;
        }
        try {
            lease.connection().commit();
        } catch (SQLException e) {
            if (FailurePolicy.breaksConnection(e)) {
                brokeDuring(lease, e);
                throw FailurePolicy.commitOutcomeUnknown(lease, e);
            }
            throw e;
        }
        if (pins.transactionWrote && lease.node().isPrimary()) {
            consistentReads.committed(lease);
        }
        pins.endTransaction();
    }

    void rollback() throws SQLException {
        if (pins.clearLostTransaction()) {
            // The server rolled the transaction back when its connection died: rollback has nothing left to do.
            return;
        }
        PhysicalConnection lease = pins.transaction();
        if (lease == null) {
            return;
        }
        try {
            lease.connection().rollback();
        } catch (SQLException e) {
            if (!FailurePolicy.breaksConnection(e)) {
                throw e;
            }
            brokeDuring(lease, e);
            pins.clearLostTransaction();
            return;
        }
        pins.endTransaction();
    }

    /** The transaction's connection broke while ending it: the node is reported, the connection discarded. */
    private void brokeDuring(PhysicalConnection lease, SQLException failure) {
        rules.cluster().reportConnectionFailure(lease.node(), failure);
        lease.discard();
        pins.lost(lease, failure);
        pins.clearLostTransaction();
    }

    PhysicalConnection pinForSavepoint() throws SQLException {
        pins.checkUsable(null);
        if (!pins.inTransaction()) {
            rules.beginTransaction(state.readOnly);
        }
        return pins.transaction();
    }

    /** At close: the open transaction rolls back, a pinned session is closed rather than pooled. Runs once. */
    void close() {
        PhysicalConnection[] taken = pins.takeAll();
        PhysicalConnection open = taken[0];
        if (open != null) {
            try {
                if (open.inTransactionOnServer() || !open.connection().getAutoCommit()) {
                    open.connection().rollback();
                }
            } catch (SQLException | RuntimeException e) {
                log.debug("rwsplit: rollback at close failed; the connection is discarded", e);
                open.discard();
            }
            open.release();
        }
        PhysicalConnection pinned = taken[1];
        if (pinned != null) {
            pinned.discard();
        }
    }
}
