package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.StatementKind;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

/**
 * The physical sessions a logical connection holds across statements: the transaction's, until it ends, and the
 * primary session that carries state later statements need (temporary tables, user variables, named locks, LOCK
 * TABLES), until the logical connection closes. A pin whose connection broke is lost: the server rolled back what it
 * held, and the connection says so until the application acknowledges it.
 *
 * <p>Methods that change pins are synchronized, since close() and abort() may come from another thread.
 */
final class Pins {
    /** Volatile so that the owner's hot path reads them without a lock; they change under this object's lock. */
    private volatile PhysicalConnection transaction;
    private volatile SQLException transactionLost;
    private volatile PhysicalConnection primarySession;
    private volatile SQLException sessionLost;
    /** Whether the open transaction wrote: its commit is what later reads must see. */
    boolean transactionWrote;
    /** Told when a transaction's pin ends or breaks; null unless optimistic transactions are on. */
    private OptimisticTransaction optimistic;

    void watchedBy(OptimisticTransaction optimistic) {
        this.optimistic = optimistic;
    }

    PhysicalConnection transaction() {
        return transaction;
    }

    PhysicalConnection primarySession() {
        return primarySession;
    }

    boolean inTransaction() {
        return transaction() != null;
    }

    boolean isPinned(PhysicalConnection lease) {
        return lease == transaction() || lease == primarySession();
    }

    /** Pins {@code lease}, whose hold the transaction now owns, until the transaction ends. */
    synchronized void beginTransaction(PhysicalConnection lease) {
        transaction = lease;
        transactionWrote = false;
    }

    /** Pins the primary session for the rest of the logical connection's life. */
    synchronized void pinPrimarySession(PhysicalConnection lease) {
        if (primarySession == null) {
            primarySession = lease.hold();
        }
    }

    /** Ends the transaction's pin; its connection goes back to its pool once nothing else holds it. */
    synchronized PhysicalConnection endTransaction() {
        PhysicalConnection lease = transaction;
        transaction = null;
        if (lease != null) {
            if (optimistic != null) {
                optimistic.ended(lease);
            }
            lease.release();
        }
        return lease;
    }

    /**
     * The connection under {@code lease} broke: whatever it pinned is gone with the server session. The caller discards
     * the lease, which ends the pins' holds with it.
     */
    synchronized void lost(PhysicalConnection lease, SQLException failure) {
        if (lease == transaction) {
            transaction = null;
            transactionLost = failure;
            if (optimistic != null) {
                optimistic.lost(lease);
            }
        }
        if (lease == primarySession) {
            primarySession = null;
            sessionLost = failure;
        }
    }

    SQLException lostTransaction() {
        return transactionLost;
    }

    /** Acknowledges a lost transaction (rollback, or COMMIT reported as failed); true when there was one. */
    synchronized boolean clearLostTransaction() {
        boolean lost = transactionLost != null;
        transactionLost = null;
        return lost;
    }

    boolean usable() {
        return sessionLost == null;
    }

    /**
     * Refuses statements while a pin is lost: the primary session's state is gone for good; a lost transaction only
     * until the application ends it.
     *
     * @param classification the statement, or null for JDBC calls that are not statements
     */
    void checkUsable(Classification classification) throws SQLException {
        SQLException sessionLost = this.sessionLost;
        SQLException transactionLost = this.transactionLost;
        if (sessionLost != null) {
            throw new SQLNonTransientConnectionException("rwsplit: this connection's primary session broke ("
                    + sessionLost.getMessage() + "); the session state it held (temporary tables, user variables,"
                    + " locks) is gone, so the connection cannot go on: close it and open another", "08003",
                    sessionLost);
        }
        if (transactionLost != null && (classification == null || !endsTransaction(classification))) {
            throw new SQLNonTransientConnectionException("rwsplit: the transaction's connection broke ("
                    + transactionLost.getMessage() + ") and the server rolled the transaction back; call rollback()"
                    + " and retry the transaction", "08003", transactionLost);
        }
    }

    private static boolean endsTransaction(Classification classification) {
        return classification.kind() == StatementKind.ROLLBACK || classification.kind() == StatementKind.COMMIT;
    }

    /** Takes both pins away for close() or abort(); each is handed out once, so ending twice does nothing. */
    synchronized PhysicalConnection[] takeAll() {
        PhysicalConnection[] taken = {transaction, primarySession};
        if (transaction != null && optimistic != null) {
            optimistic.ended(transaction);
        }
        transaction = null;
        primarySession = null;
        return taken;
    }
}
