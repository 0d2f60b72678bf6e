package io.github.rwsplit.jdbc;

import com.mysql.cj.jdbc.StatementImpl;
import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.cluster.ConnectionFailures;
import io.github.rwsplit.internal.cluster.GtidSet;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.internal.config.ReadFromPrimary;
import io.github.rwsplit.metrics.FallbackReason;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.routing.ReadChoice;
import io.github.rwsplit.internal.routing.Router;
import io.github.rwsplit.internal.sql.SqlClassifier;
import io.github.rwsplit.internal.sql.StatementKind;
import io.github.rwsplit.internal.sql.Target;
import io.github.rwsplit.internal.session.ReadYourWrites;
import io.github.rwsplit.internal.session.SessionSnapshot;
import io.github.rwsplit.internal.session.SessionSync;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing state of one logical connection and the rules that use it (SPEC §3): which physical connection each
 * execution runs on, the transaction and session pins, temporary tables, and what a connection failure means.
 *
 * <p>Outside transactions every execution borrows its own physical connection. A transaction pins one (the primary's,
 * or a replica's for read-only transactions) until it ends. Statements that leave state on the primary's session that
 * later statements need (temporary tables, user variables, named locks, LOCK TABLES, XA, prepared SQL) pin that
 * session for the rest of the logical connection's life; it is closed, not pooled, at the end.
 */
final class LogicalSession {
    private static final Logger log = LoggerFactory.getLogger(LogicalSession.class);
    private static final int MAX_LOGGED_SQL = 200;
    /** How a read-only transaction or a read-only session check chooses its replica: a plain read, no hints. */
    private static final Classification READ = new Classification(Target.REPLICA_READ, StatementKind.QUERY, 0,
            io.github.rwsplit.internal.sql.Hints.NONE, List.of(), null, List.of(), List.of(), false);

    private final Router router;
    private final Cluster cluster;
    private final long id;
    private String name;
    private final String defaultCatalog;
    private final boolean retryReads;

    private boolean autoCommit = true;
    private boolean readOnly;
    private SessionSnapshot session = SessionSnapshot.DEFAULT;
    private Lease transaction;
    private SQLException transactionLost;
    private Lease primarySession;
    private SQLException sessionLost;
    private boolean tablesLocked;
    /** Both empty and immutable until first used: most connections never use them. */
    private Set<String> temporaryTables = Set.of();
    private List<String> nextTransactionCharacteristics = List.of();
    private long lastInsertId;
    private final boolean readYourWrites;
    private final long readYourWritesTimeoutMillis;
    private final ReadYourWrites consistency;
    private final long monitorIntervalNanos;
    private boolean transactionWrote;
    private int networkTimeout;
    private Executor networkTimeoutExecutor;

    /** @param id the connection's number, which names it in logs */
    LogicalSession(Router router, long id) {
        this.router = router;
        this.cluster = router.cluster();
        this.id = id;
        this.defaultCatalog = cluster.config().database();
        this.retryReads = cluster.config().get(Options.RETRY_READS);
        this.readYourWrites = cluster.config().get(Options.READ_YOUR_WRITES);
        this.readYourWritesTimeoutMillis = cluster.config().get(Options.READ_YOUR_WRITES_TIMEOUT).toMillis();
        this.monitorIntervalNanos = cluster.config().get(Options.MONITOR_INTERVAL).toNanos();
        this.consistency = new ReadYourWrites(cluster.config().get(Options.MAX_REPLICATION_LAG).toNanos(),
                System::nanoTime);
    }

    Router router() {
        return router;
    }

    String name() {
        // Built when first logged: most connections never are.
        if (name == null) {
            name = "connection " + id;
        }
        return name;
    }

    // ---- state the JDBC API reads and writes ----

    boolean autoCommit() {
        return autoCommit;
    }

    /** JDBC setAutoCommit: switching it on commits the open transaction. */
    void autoCommit(boolean on) throws SQLException {
        if (on == autoCommit) {
            return;
        }
        if (on && (transaction != null || transactionLost != null)) {
            commit();
        }
        autoCommit = on;
    }

    boolean readOnly() {
        return readOnly;
    }

    void readOnly(boolean on) throws SQLException {
        if (on != readOnly && transaction != null) {
            throw new SQLException("rwsplit: setReadOnly(" + on + ") during a transaction: end the transaction first,"
                    + " since it cannot move between the primary and a replica", "25001");
        }
        readOnly = on;
    }

    SessionSnapshot session() {
        return session;
    }

    String catalog() {
        return session.catalog() != null ? session.catalog() : defaultCatalog;
    }

    boolean inTransaction() {
        return transaction != null;
    }

    Lease transaction() {
        return transaction;
    }

    void networkTimeout(Executor executor, int millis) {
        this.networkTimeoutExecutor = executor;
        this.networkTimeout = millis;
    }

    int networkTimeout() {
        return networkTimeout;
    }

    void nextTransactionCharacteristics(String assignment) {
        if (nextTransactionCharacteristics.isEmpty()) {
            nextTransactionCharacteristics = new ArrayList<>();
        }
        nextTransactionCharacteristics.add(assignment);
    }

    /** Whether anything could still run: false once the pinned session died, since its state is gone with it. */
    boolean usable() {
        return sessionLost == null;
    }

    // ---- placing executions ----

    /**
     * Chooses and prepares the physical connection for one execution, and holds it for the caller.
     *
     * @param avoid the node a failed first attempt of this read ran on, or null
     */
    Placement place(Classification classification, String sql, Node avoid) throws SQLException {
        checkUsable(classification);
        if (readOnly && isWrite(classification)) {
            throw readOnlyViolation(classification);
        }
        if (transaction != null) {
            if (transaction.node().isPrimary() || !isWrite(classification)) {
                return prepared(transaction, null, false);
            }
            throw readOnlyViolation(classification);
        }
        StatementKind kind = classification.kind();
        if (!autoCommit || kind == StatementKind.BEGIN || kind == StatementKind.BEGIN_READ_ONLY) {
            beginTransaction(kind == StatementKind.BEGIN_READ_ONLY || readOnly);
            return prepared(transaction, null, false);
        }
        if (tablesLocked) {
            return prepared(primarySession, null, false);
        }
        return switch (classification.target()) {
            case WRITE -> onPrimary(null);
            case PRIMARY_READ -> classification.hints().replica() && replicaMayServe(classification)
                    ? onReader(classification, avoid) : onPrimary(null);
            case REPLICA_READ -> !temporaryTables.isEmpty()
                    && SqlClassifier.mentionsIdentifier(sql, temporaryTables)
                    ? onPrimary(FallbackReason.SESSION_PINNING) : onReader(classification, avoid);
        };
    }

    private static boolean replicaMayServe(Classification classification) {
        return !classification.has(Classification.SESSION_BOUND)
                && !classification.has(Classification.READS_LAST_INSERT_ID);
    }

    private Placement onPrimary(FallbackReason fallback) throws SQLException {
        if (primarySession != null) {
            return prepared(primarySession, fallback, false);
        }
        return prepared(borrow(router.primary()), fallback, false);
    }

    private Placement onReader(Classification classification, Node avoid) throws SQLException {
        // A primary hint needs no replica to catch up: the router sends it to the primary whatever was written.
        if (readYourWrites && consistency.pending() && !classification.hints().primary()) {
            return onConsistentReader(classification, avoid);
        }
        Node failed = avoid;
        for (int attempt = 1; ; attempt++) {
            ReadChoice choice = router.chooseReader(classification, failed);
            try {
                return readerPlacement(choice, retryReads);
            } catch (SQLException e) {
                if (!retryReads || attempt >= maxReadAttempts() || !ConnectionFailures.isConnectionFailure(e)) {
                    throw e;
                }
                // The node could not even start this read; it is out of rotation already, so try the next one.
                failed = choice.node();
                failed.counters().retry();
            }
        }
    }

    /**
     * How many nodes one read may try: each failed node leaves rotation at once, so a read outlives as many failures
     * as there are nodes to fall back to.
     */
    int maxReadAttempts() {
        return cluster.nodes().size();
    }

    // ---- read-your-writes ----

    /**
     * A read after this connection's writes (SPEC readYourWrites): a replica known to have applied them; else one that
     * catches up within readYourWritesTimeout, waited for on the server; else the primary. Never a stale read.
     */
    private Placement onConsistentReader(Classification classification, Node avoid) throws SQLException {
        if (consistency.primaryOnly()) {
            return onPrimaryForConsistency();
        }
        GtidSet required = consistency.required();
        if (cluster.replicas().stream().allMatch(replica -> replica.applied().includes(required))) {
            consistency.satisfiedEverywhere();
            return onReader(classification, avoid);
        }
        Node ready = router.pickReader(classification, avoid, node -> node.isPrimary()
                || node.applied().includes(required));
        if (ready != null) {
            return readerPlacement(new ReadChoice(ready, null), retryReads);
        }
        Node candidate = readYourWritesTimeoutMillis > 0 ? router.pickReader(classification, avoid,
                node -> !node.missedCatchUpWithin(monitorIntervalNanos)) : null;
        if (candidate != null) {
            Placement placement;
            try {
                placement = readerPlacement(new ReadChoice(candidate, null), retryReads);
            } catch (SQLException e) {
                if (!ConnectionFailures.isConnectionFailure(e)) {
                    throw e;
                }
                return onPrimaryForConsistency();
            }
            if (caughtUp(placement, required)) {
                candidate.advanceApplied(required);
                return placement;
            }
            candidate.missedCatchUp();
            placement.lease().release();
        }
        return onPrimaryForConsistency();
    }

    /** Waits on the replica, server-side, until it has applied {@code required} or the timeout passes. */
    private boolean caughtUp(Placement placement, GtidSet required) throws SQLException {
        Lease lease = placement.lease();
        try (PreparedStatement wait = lease.connection().prepareStatement(
                lease.node().flavor(lease.connection()).waitForPosition())) {
            wait.setString(1, required.toString());
            wait.setBigDecimal(2, java.math.BigDecimal.valueOf(readYourWritesTimeoutMillis, 3));
            try (ResultSet result = wait.executeQuery()) {
                return result.next() && result.getLong(1) == 0 && !result.wasNull();
            }
        } catch (SQLException e) {
            lease.release();
            if (ConnectionFailures.isConnectionFailure(e)) {
                cluster.reportConnectionFailure(lease.node(), e);
                lease.discard();
            }
            throw e;
        }
    }

    private Placement onPrimaryForConsistency() throws SQLException {
        if (cluster.readFromPrimary() == ReadFromPrimary.NEVER) {
            throw new SQLTransientConnectionException("rwsplit[" + cluster.name() + "]: no replica has applied this"
                    + " connection's last write within readYourWritesTimeout, and readFromPrimary=never", "08001");
        }
        ReadChoice primary = router.primaryInstead(FallbackReason.READ_YOUR_WRITES);
        return readerPlacement(primary, false);
    }

    /** Records what this connection just committed, for its later reads. */
    private void committed(Lease lease) throws SQLException {
        PhysicalConnection physical = lease.physical();
        consistency.committed(physical.committedGtids(), physical.serverAssignsGtids());
    }

    /** The position of this connection's writes, for another connection that must see them; null when none. */
    String lastWritePosition() {
        return consistency.position();
    }

    /** Makes this connection's reads see {@code position} too (a token another connection handed over). */
    void readAfter(String position) throws SQLException {
        try {
            consistency.require(GtidSet.parse(position));
        } catch (IllegalArgumentException e) {
            throw new SQLException("rwsplit: '" + position + "' is not a GTID position or set", "22023");
        }
    }

    private Placement readerPlacement(ReadChoice choice, boolean retryable) throws SQLException {
        if (choice.node().isPrimary() && primarySession != null) {
            return prepared(primarySession, choice.fallback(), false);
        }
        return prepared(borrow(choice.node()), choice.fallback(), retryable);
    }

    private Lease borrow(Node node) throws SQLException {
        try {
            return new Lease(node.borrow());
        } catch (SQLException e) {
            cluster.reportConnectionFailure(node, e);
            throw e;
        }
    }

    /** Holds the lease for one execution and brings its session to this connection's state. */
    private Placement prepared(Lease lease, FallbackReason fallback, boolean retryable) throws SQLException {
        boolean pinned = lease == transaction || lease == primarySession;
        lease.hold();
        try {
            sync(lease);
        } catch (SQLException e) {
            lease.release();
            if (ConnectionFailures.isConnectionFailure(e)) {
                failed(new Placement(lease, fallback, false), e);
            } else if (!pinned) {
                lease.discard();
            }
            throw e;
        }
        return new Placement(lease, fallback, retryable);
    }

    private void sync(Lease lease) throws SQLException {
        SessionSync.apply(lease.physical(), session, defaultCatalog);
        if (networkTimeout > 0) {
            lease.connection().setNetworkTimeout(networkTimeoutExecutor, networkTimeout);
        }
        if (lease == primarySession && autoCommit && transaction == null && !lease.connection().getAutoCommit()) {
            lease.connection().setAutoCommit(true);
        }
    }

    private void beginTransaction(boolean onReplica) throws SQLException {
        Lease lease = onReplica ? onReader(READ, null).lease()
                : prepared(primarySession != null ? primarySession : borrow(router.primary()), null, false).lease();
        try {
            if (!autoCommit) {
                lease.connection().setAutoCommit(false);
            }
            if (!nextTransactionCharacteristics.isEmpty()) {
                try (Statement statement = lease.connection().createStatement()) {
                    for (String assignment : nextTransactionCharacteristics) {
                        statement.execute("SET " + assignment);
                    }
                }
                nextTransactionCharacteristics = List.of();
            }
        } catch (SQLException e) {
            lease.release();
            if (lease != primarySession) {
                lease.discard();
            }
            throw e;
        }
        transaction = lease;
        transactionWrote = false;
        if (log.isDebugEnabled()) {
            log.debug("rwsplit[{}] {}: transaction begins on {}", cluster.name(), name(), lease.node());
        }
    }

    /**
     * Session bookkeeping after an execution succeeded: counters, pins, temporary tables, transaction boundaries.
     *
     * @param physical the physical statement that ran, or null
     */
    void executed(Placement placement, Classification classification, String sql, Statement physical)
            throws SQLException {
        Lease lease = placement.lease();
        Node node = lease.node();
        if (!isTransactionControl(classification.kind())) {
            if (classification.target() == Target.WRITE) {
                node.counters().write();
            } else {
                node.counters().read();
            }
        }
        if (placement.fallback() != null) {
            node.counters().fallback(placement.fallback());
        }
        if (log.isDebugEnabled()) {
            log.debug("rwsplit[{}] {}: {} -> {}{}: {}", cluster.name(), name(), classification.kind(), node,
                    placement.fallback() == null ? "" : " (" + placement.fallback().label() + ")", abbreviate(sql));
        }
        if (node.isPrimary()) {
            trackPrimarySession(lease, classification, physical);
        }
        boolean writes = classification.target() == Target.WRITE && isWrite(classification);
        boolean inTransaction = transaction != null;
        transactionWrote |= writes && inTransaction;
        trackTransactionBoundary(lease, classification);
        if (readYourWrites && node.isPrimary() && (writes && transaction == null
                || inTransaction && transaction == null && transactionWrote)) {
            committed(lease);
        }
    }

    private void trackPrimarySession(Lease lease, Classification classification, Statement physical)
            throws SQLException {
        if (classification.has(Classification.SESSION_BOUND) && primarySession == null) {
            primarySession = lease.hold();
        }
        switch (classification.kind()) {
            case LOCK_TABLES -> tablesLocked = true;
            case UNLOCK_TABLES -> tablesLocked = false;
            default -> {
            }
        }
        if (!classification.createdTemporaryTables().isEmpty()) {
            if (temporaryTables.isEmpty()) {
                temporaryTables = new HashSet<>();
            }
            temporaryTables.addAll(classification.createdTemporaryTables());
        }
        if (!temporaryTables.isEmpty()) {
            classification.droppedTables().forEach(temporaryTables::remove);
        }
        if (physical != null && classification.kind() == StatementKind.DML) {
            long id = physical.unwrap(StatementImpl.class).getLastInsertID();
            if (id != 0) {
                lastInsertId = id;
            }
        }
    }

    private void trackTransactionBoundary(Lease lease, Classification classification) {
        StatementKind kind = classification.kind();
        if (lease == transaction) {
            boolean ended = (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK)
                    && !classification.has(Classification.CHAIN);
            if (ended || autoCommit && classification.has(Classification.IMPLICIT_COMMIT)
                    && !lease.physical().inTransactionOnServer()) {
                endTransaction();
            }
        } else if (autoCommit && transaction == null && lease.physical().inTransactionOnServer()) {
            // SQL opened a transaction the classifier did not see coming (say, "BEGIN; INSERT ..." in one string):
            // everything stays on this session until the server says it ended.
            transaction = lease.hold();
        }
    }

    /** Before a statement that reads LAST_INSERT_ID() runs on a session that did not do this connection's insert. */
    void seedLastInsertId(Placement placement, Classification classification) throws SQLException {
        if (!classification.has(Classification.READS_LAST_INSERT_ID) || lastInsertId == 0
                || placement.lease() == transaction || placement.lease() == primarySession) {
            return;
        }
        try (Statement statement = placement.lease().connection().createStatement()) {
            statement.execute("DO LAST_INSERT_ID(" + lastInsertId + ")");
        }
    }

    /**
     * What a failed execution means for this session. Connection failures take the node out of rotation at once; a
     * pinned transaction or session that failed is lost (the server rolled it back).
     *
     * @return whether the execution may be retried on another node
     */
    boolean failed(Placement placement, SQLException failure) {
        if (!ConnectionFailures.isConnectionFailure(failure)) {
            return false;
        }
        Lease lease = placement.lease();
        cluster.reportConnectionFailure(lease.node(), failure);
        if (lease == transaction) {
            transaction = null;
            transactionLost = failure;
        }
        if (lease == primarySession) {
            primarySession = null;
            sessionLost = failure;
        }
        lease.discard();
        boolean retry = placement.retryable() && retryReads;
        if (retry) {
            lease.node().counters().retry();
        }
        return retry;
    }

    /** An explicit failure message naming the node, for connection failures that reach the application. */
    SQLException describe(Placement placement, SQLException failure, Classification classification) {
        if (!ConnectionFailures.isConnectionFailure(failure)) {
            return failure;
        }
        String state = failure.getSQLState() != null && failure.getSQLState().startsWith("08")
                ? failure.getSQLState() : "08S01";
        if (classification.kind() == StatementKind.COMMIT) {
            return new SQLTransientConnectionException("rwsplit: the connection to " + placement.lease().node()
                    + " broke during COMMIT; the transaction may or may not have committed: " + failure.getMessage(),
                    "08007", failure);
        }
        return new SQLTransientConnectionException("rwsplit: " + placement.lease().node() + " failed: "
                + failure.getMessage(), state, failure);
    }

    // ---- transactions ----

    void commit() throws SQLException {
        if (transactionLost != null) {
            SQLException lost = transactionLost;
            transactionLost = null;
            throw new SQLNonTransientConnectionException("rwsplit: nothing was committed: the transaction's connection"
                    + " broke earlier (" + lost.getMessage() + ") and the server rolled it back", "08003", lost);
        }
        if (transaction == null) {
            return;
        }
        Lease lease = transaction;
        try {
            lease.connection().commit();
        } catch (SQLException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                cluster.reportConnectionFailure(lease.node(), e);
                transaction = null;
                lease.release();
                lease.discard();
                throw new SQLTransientConnectionException("rwsplit: the connection to " + lease.node()
                        + " broke during commit; the transaction may or may not have committed: " + e.getMessage(),
                        "08007", e);
            }
            throw e;
        }
        if (readYourWrites && transactionWrote && lease.node().isPrimary()) {
            committed(lease);
        }
        endTransaction();
    }

    void rollback() throws SQLException {
        if (transactionLost != null) {
            // The server rolled the transaction back when its connection died: rollback has nothing left to do.
            transactionLost = null;
            return;
        }
        if (transaction == null) {
            return;
        }
        Lease lease = transaction;
        try {
            lease.connection().rollback();
        } catch (SQLException e) {
            if (!ConnectionFailures.isConnectionFailure(e)) {
                throw e;
            }
            cluster.reportConnectionFailure(lease.node(), e);
            transaction = null;
            lease.release();
            lease.discard();
            return;
        }
        endTransaction();
    }

    /** Pins a transaction now, for JDBC calls that need one before any statement (setSavepoint). */
    Lease transactionForSavepoint() throws SQLException {
        checkUsable(null);
        if (transaction == null) {
            beginTransaction(readOnly);
        }
        return transaction;
    }

    private void endTransaction() {
        Lease lease = transaction;
        transaction = null;
        if (lease != null) {
            lease.release();
        }
    }

    /** A transaction whose connection broke, or a statement the application ends without COMMIT (SQL ROLLBACK). */
    boolean clearLostTransaction() {
        boolean lost = transactionLost != null;
        transactionLost = null;
        return lost;
    }

    SQLException lostTransaction() {
        return transactionLost;
    }

    // ---- session state set by SQL (SET, USE) or JDBC setters ----

    /**
     * Makes {@code next} this connection's session state after proving that a server accepts it: it is applied on the
     * connection the next statement would use (the pinned one, or the primary's, or a replica's when read-only).
     */
    void changeSession(SessionSnapshot next) throws SQLException {
        checkUsable(null);
        if (next.equals(session)) {
            return;
        }
        SessionSnapshot previous = session;
        session = next;
        Lease lease = null;
        try {
            if (transaction != null) {
                lease = transaction;
            } else if (primarySession != null) {
                lease = primarySession;
            } else if (readOnly && !cluster.replicas().isEmpty()) {
                lease = borrow(router.chooseReader(READ, null).node());
            } else {
                lease = borrow(router.primary());
            }
            prepared(lease, null, false).lease().release();
        } catch (SQLException e) {
            session = previous;
            throw e;
        }
    }

    /** Runs {@code work} on the primary: this session's pinned connection there, or a borrowed one. */
    <T> T withPrimary(PhysicalWork<T> work) throws SQLException {
        Lease lease = holdPrimary();
        try {
            return work.run(lease);
        } catch (SQLException e) {
            failed(new Placement(lease, null, false), e);
            throw e;
        } finally {
            lease.release();
        }
    }

    /**
     * A held connection to the primary for work outside statements (metadata, LOB factories): the pinned one when
     * this session has one there, else a borrowed one. The caller releases it.
     */
    Lease holdPrimary() throws SQLException {
        checkUsable(null);
        Lease lease = transaction != null && transaction.node().isPrimary() ? transaction
                : primarySession != null ? primarySession : borrow(router.primary());
        return prepared(lease, null, false).lease();
    }

    /** Work on one physical connection. */
    @FunctionalInterface
    interface PhysicalWork<T> {
        T run(Lease lease) throws SQLException;
    }

    /** Any node that could serve something, for isValid: no round trip, since the monitor already checks every node. */
    boolean anyNodeAnswers() {
        for (Node node : cluster.nodes()) {
            if (node.health().status() != io.github.rwsplit.internal.cluster.NodeStatus.DOWN) {
                return true;
            }
        }
        return false;
    }

    /** Ends everything at close: the open transaction rolls back, a pinned session is closed rather than pooled. */
    void close() {
        Lease open = transaction;
        transaction = null;
        if (open != null) {
            try {
                if (open.physical().inTransactionOnServer() || !open.connection().getAutoCommit()) {
                    open.connection().rollback();
                }
            } catch (SQLException e) {
                log.debug("rwsplit[{}] {}: rollback at close failed", cluster.name(), name(), e);
                open.discard();
            }
            open.release();
        }
        Lease pinned = primarySession;
        primarySession = null;
        if (pinned != null) {
            pinned.discard();
        }
    }

    /** Forcible close from another thread (Connection.abort): nothing is pooled again. */
    void abort() {
        Lease open = transaction;
        transaction = null;
        if (open != null) {
            open.discard();
        }
        Lease pinned = primarySession;
        primarySession = null;
        if (pinned != null) {
            pinned.discard();
        }
    }

    private void checkUsable(Classification classification) throws SQLException {
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

    /** Statements that delimit transactions: counted neither as reads nor as writes. */
    private static boolean isTransactionControl(StatementKind kind) {
        return switch (kind) {
            case BEGIN, BEGIN_READ_ONLY, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT -> true;
            default -> false;
        };
    }

    private static boolean endsTransaction(Classification classification) {
        return classification.kind() == StatementKind.ROLLBACK || classification.kind() == StatementKind.COMMIT;
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

    private static SQLException readOnlyViolation(Classification classification) {
        return new SQLException("rwsplit: the connection is read-only; a "
                + classification.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                + " statement was refused before it reached any server", "25006");
    }

    static String abbreviate(String sql) {
        if (sql == null) {
            return "";
        }
        return sql.length() <= MAX_LOGGED_SQL ? sql : sql.substring(0, MAX_LOGGED_SQL) + "…";
    }

    PhysicalConnection transactionPhysical() {
        return transaction == null ? null : transaction.physical();
    }
}
