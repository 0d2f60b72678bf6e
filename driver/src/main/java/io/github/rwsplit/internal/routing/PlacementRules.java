package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.routing.NodeSelector.ReadChoice;
import io.github.rwsplit.internal.session.SessionSync;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.Hints;
import io.github.rwsplit.internal.sql.SqlClassifier;
import io.github.rwsplit.internal.sql.StatementKind;
import io.github.rwsplit.internal.sql.Target;
import io.github.rwsplit.metrics.FallbackReason;
import io.github.rwsplit.metrics.PrimaryReason;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * Where one execution runs: the rules of the routing table in docs/routing.md, in its order. The result is a connection
 * held for the execution that carries the logical connection's session state; why a replica-eligible read landed on
 * the primary and whether the execution may run again elsewhere are read right after, from {@link #placedFallback()}
 * and {@link #placedRetryable()} (fields rather than a result object, which every statement would allocate). Nothing
 * here decides what a failure means; a node that fails while being placed on is remembered in {@link #lastTried()}
 * for the retry loop of {@link RoutingSession#execute}.
 */
final class PlacementRules {
    /** How a read-only transaction or session check chooses its replica: a plain read, no hints. */
    static final Classification READ = new Classification(Target.REPLICA_READ, StatementKind.QUERY, 0, Hints.NONE,
            List.of(), null, List.of(), List.of(), false);

    private static final int VALIDATION_TIMEOUT_SECONDS = 1;

    private final Cluster cluster;
    private final NodeSelector selector;
    private final SessionState state;
    private final Pins pins;
    private final ConsistentReads consistentReads;
    /** Shadow mode's verdicts; null when statements are routed. */
    private final ShadowRouting shadow;
    private Node lastTried;
    private boolean lastRetryable;
    /** How the last placement was made: see {@link #placedFallback()} and {@link #placedRetryable()}. */
    private FallbackReason placedFallback;
    private boolean placedRetryable;
    /** The replica this connection's reads stay on under readAffinity=connection; null otherwise or before one. */
    private Node keptReader;

    /** @param shadow shadow mode's verdicts, or null when statements are routed */
    PlacementRules(Cluster cluster, NodeSelector selector, SessionState state, Pins pins,
                   ConsistentReads consistentReads, ShadowRouting shadow) {
        this.cluster = cluster;
        this.selector = selector;
        this.state = state;
        this.pins = pins;
        this.consistentReads = consistentReads;
        this.shadow = shadow;
    }

    /**
     * Places one execution.
     *
     * @param avoid the node a failed first attempt of this read ran on, or null
     */
    PhysicalConnection place(Classification classification, String sql, Node avoid) throws SQLException {
        lastTried = null;
        lastRetryable = false;
        pins.checkUsable(classification);
        // 1. A write on a read-only connection is refused before anything is sent.
        if (state.readOnly && isWrite(classification)) {
            throw readOnlyViolation(classification);
        }
        // 2. A transaction stays whole on the connection it pinned; a replica-pinned one refuses writes.
        PhysicalConnection transaction = pins.transaction();
        if (transaction != null) {
            if (transaction.node().isPrimary() || !isWrite(classification)) {
                if (shadow != null) {
                    shadow.inTransaction();
                }
                return prepared(transaction, null, false);
            }
            throw readOnlyViolation(classification);
        }
        // 3. The first statement of a transaction pins a connection: a replica's when read-only, else the primary's.
        StatementKind kind = classification.kind();
        if (!state.autoCommit || kind == StatementKind.BEGIN || kind == StatementKind.BEGIN_READ_ONLY) {
            beginTransaction(kind == StatementKind.BEGIN_READ_ONLY || state.readOnly);
            if (shadow != null) {
                shadow.inTransaction();
            }
            return prepared(pins.transaction(), null, false);
        }
        // 4. LOCK TABLES holds every later statement on the session that took the locks.
        if (state.tablesLocked) {
            if (shadow != null) {
                shadow.primary(PrimaryReason.LOCKED_TABLES);
            }
            return prepared(pins.primarySession(), null, false);
        }
        return switch (classification.target()) {
            // 5. Writes, and what the classifier does not understand, go to the primary.
            case WRITE -> primaryFor(PrimaryReason.WRITE, null);
            // 6. Reads that need the primary's session stay there, unless hinted to a replica and free to move.
            case PRIMARY_READ -> classification.hints().replica() && replicaMayServe(classification)
                    ? read(classification, avoid) : primaryFor(PrimaryReason.SESSION_BOUND_READ, null);
            // 7. Other reads go to a replica, except those naming this connection's temporary tables.
            case REPLICA_READ -> !state.temporaryTables().isEmpty()
                    && SqlClassifier.mentionsIdentifier(sql, state.temporaryTables())
                    ? primaryFor(PrimaryReason.SESSION_PINNING, FallbackReason.SESSION_PINNING)
                    : read(classification, avoid);
        };
    }

    /** A statement the rules keep on the primary; shadow mode counts why. */
    private PhysicalConnection primaryFor(PrimaryReason reason, FallbackReason fallback) throws SQLException {
        if (shadow != null) {
            shadow.primary(reason);
            return onPrimary(null);
        }
        return onPrimary(fallback);
    }

    /** A read outside a transaction; in shadow mode it runs on the primary, counted where it would have gone. */
    private PhysicalConnection read(Classification classification, Node avoid) throws SQLException {
        if (shadow != null) {
            shadow.read(classification);
            return onPrimary(null);
        }
        return onReader(classification, avoid);
    }

    /** The node that failed while this placement was being made, or null. */
    Node lastTried() {
        return lastTried;
    }

    /** Whether the failed placement was a read that may go elsewhere. */
    boolean lastRetryable() {
        return lastRetryable;
    }

    /** Why the last placement put a replica-eligible read on the primary, or null. */
    FallbackReason placedFallback() {
        return placedFallback;
    }

    /** Whether the execution last placed is a read that may run again elsewhere if its connection breaks. */
    boolean placedRetryable() {
        return placedRetryable;
    }

    private static boolean replicaMayServe(Classification classification) {
        return !classification.has(Classification.SESSION_BOUND)
                && !classification.has(Classification.READS_LAST_INSERT_ID);
    }

    PhysicalConnection onPrimary(FallbackReason fallback) throws SQLException {
        PhysicalConnection pinned = pins.primarySession();
        if (pinned != null) {
            return prepared(pinned, fallback, false);
        }
        return prepared(borrow(selector.primary(), false), fallback, false);
    }

    PhysicalConnection onReader(Classification classification, Node avoid) throws SQLException {
        if (shadow != null) {
            return onPrimary(null);
        }
        // A primary hint needs no replica to catch up: the selector sends it to the primary whatever was written.
        if (consistentReads.pending() && !classification.hints().primary()) {
            return consistentReads.place(this, classification, avoid);
        }
        Node reader = selector.readerFor(classification, avoid, keptReader);
        if (reader != null && cluster.keepsReaders()) {
            keptReader = reader;
        }
        return reader != null ? readerPlacement(reader, null, true)
                : readerPlacement(selector.fallback(classification, avoid), true);
    }

    PhysicalConnection readerPlacement(ReadChoice choice, boolean retryable) throws SQLException {
        return readerPlacement(choice.node(), choice.fallback(), retryable);
    }

    /** @param fallback why a replica-eligible read runs on the primary, or null */
    PhysicalConnection readerPlacement(Node reader, FallbackReason fallback, boolean retryable) throws SQLException {
        PhysicalConnection pinned = pins.primarySession();
        if (reader.isPrimary() && pinned != null) {
            return prepared(pinned, fallback, false);
        }
        return prepared(borrow(reader, retryable), fallback, retryable);
    }

    /**
     * Checks that a retried read's connection answers before the read is sent again: the first failure may have been
     * one of several nodes dying at once, and the retry is the last send this read gets.
     */
    void validate(PhysicalConnection lease) throws SQLException {
        if (pins.isPinned(lease)) {
            return;
        }
        boolean answers;
        try {
            answers = lease.connection().isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            answers = false;
        }
        if (!answers) {
            lastTried = lease.node();
            lastRetryable = placedRetryable;
            lease.discard();
            lease.release();
            throw new SQLTransientConnectionException("rwsplit: " + lease.node() + " did not answer before a retried"
                    + " read was sent there", "08S01");
        }
    }

    NodeSelector selector() {
        return selector;
    }

    Cluster cluster() {
        return cluster;
    }

    private PhysicalConnection borrow(Node node, boolean retryable) throws SQLException {
        lastTried = node;
        lastRetryable = retryable;
        return node.borrow();
    }

    /**
     * Holds the lease for one execution and brings its session to this connection's state. A session that cannot be
     * brought there is discarded unless pinned, so its half-applied state never reaches another borrower.
     */
    PhysicalConnection prepared(PhysicalConnection lease, FallbackReason fallback, boolean retryable)
            throws SQLException {
        boolean pinned = pins.isPinned(lease);
        lease.hold();
        try {
            sync(lease);
        } catch (SQLException | RuntimeException e) {
            lastTried = lease.node();
            lastRetryable = retryable;
            if (!pinned || e instanceof SQLException failure && FailurePolicy.breaksConnection(failure)) {
                lease.discard();
            }
            if (e instanceof SQLException failure && FailurePolicy.breaksConnection(failure)) {
                pins.lost(lease, failure);
            }
            lease.release();
            throw e;
        }
        placedFallback = fallback;
        placedRetryable = retryable;
        return lease;
    }

    private void sync(PhysicalConnection lease) throws SQLException {
        SessionSync.apply(lease, state.snapshot, state.defaultCatalog);
        if (state.networkTimeout > 0) {
            lease.connection().setNetworkTimeout(state.networkTimeoutExecutor, state.networkTimeout);
        }
        if (lease == pins.primarySession() && state.autoCommit && pins.transaction() == null
                && !lease.connection().getAutoCommit()) {
            lease.connection().setAutoCommit(true);
        }
    }

    /** Pins a connection for a new transaction and applies what SET TRANSACTION asked of it. */
    void beginTransaction(boolean onReplica) throws SQLException {
        if (shadow != null) {
            shadow.transactionBegins(onReplica);
        }
        PhysicalConnection lease = onReplica ? onReader(READ, null) : onPrimary(null);
        startTransaction(lease, state.takeNextTransactionCharacteristics());
        pins.beginTransaction(lease);
    }

    /**
     * Opens a transaction on {@code lease}'s connection, without pinning it: autocommit off when the logical connection
     * has it off, then {@code characteristics} (SET TRANSACTION assignments). On failure the lease is given back, or
     * discarded when its connection broke.
     */
    void startTransaction(PhysicalConnection lease, List<String> characteristics) throws SQLException {
        try {
            if (!state.autoCommit) {
                lease.connection().setAutoCommit(false);
            }
            if (!characteristics.isEmpty()) {
                try (Statement statement = lease.connection().createStatement()) {
                    for (String assignment : characteristics) {
                        statement.execute("SET " + assignment);
                    }
                }
            }
        } catch (SQLException e) {
            boolean broken = FailurePolicy.breaksConnection(e);
            if (broken || lease != pins.primarySession()) {
                lease.discard();
            }
            if (broken) {
                pins.lost(lease, e);
                lastTried = lease.node();
                lastRetryable = false;
            }
            lease.release();
            throw broken ? FailurePolicy.describe(e, FailurePolicy.kindOf(e, false), lease, null, null) : e;
        }
    }

    /** A statement a read-only connection must refuse: it writes, or it is not understood. */
    static boolean isWrite(Classification classification) {
        if (classification.target() != Target.WRITE) {
            return false;
        }
        return switch (classification.kind()) {
            case SET, USE, BEGIN, BEGIN_READ_ONLY, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT,
                    RELEASE_SAVEPOINT -> false;
            default -> true;
        };
    }

    static SQLException readOnlyViolation(Classification classification) {
        return new SQLException("rwsplit: the connection is read-only; a "
                + classification.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " statement was refused before it reached any server", "25006");
    }
}
