package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.NodeStatus;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.LoadBalance;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.internal.session.SessionSnapshot;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.metrics.FallbackReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing side of one logical connection, and its single entry point per execution: {@link #execute} places the
 * statement by the rules of {@link PlacementRules}, runs it, keeps the session's books, and on failure applies
 * {@link FailurePolicy} in the one retry loop there is. Everything the JDBC facades ask of routing goes through here.
 */
public final class RoutingSession {
    private static final Logger log = LoggerFactory.getLogger(RoutingSession.class);

    private final Router router;
    private final Cluster cluster;
    private final long id;
    private String name;
    private final boolean retryReads;
    /** Only leastLatency reads response times; timing every statement for nothing costs two clock reads. */
    private final boolean timesStatements;
    private final SessionState state;
    private final Pins pins = new Pins();
    private final ConsistentReads consistentReads;
    private final PlacementRules rules;
    private final Transactions transactions;
    private final ExecutionBooks books;
    /** Null unless optimisticTransactions is on. */
    private final OptimisticTransaction optimistic;

    RoutingSession(Router router, long id) {
        this.router = router;
        this.cluster = router.cluster();
        this.id = id;
        ClusterConfig config = cluster.config();
        this.retryReads = config.get(Options.RETRY_READS);
        this.timesStatements = config.get(Options.LOAD_BALANCE) == LoadBalance.LEAST_LATENCY;
        this.state = new SessionState(config.database());
        this.consistentReads = new ConsistentReads(config.get(Options.READ_YOUR_WRITES),
                config.get(Options.READ_YOUR_WRITES_TIMEOUT).toMillis(),
                config.get(Options.MONITOR_INTERVAL).toNanos(), config.get(Options.MAX_REPLICATION_LAG).toNanos());
        // The router counts shadow figures only in shadow mode: its counters say which mode this is.
        ShadowRouting shadow = router.shadowCounters() != null
                ? new ShadowRouting(cluster, router.selector(), router.shadowCounters()) : null;
        this.rules = new PlacementRules(cluster, router.selector(), state, pins, consistentReads, shadow);
        this.transactions = new Transactions(state, pins, rules, consistentReads);
        this.books = new ExecutionBooks(this, state, pins, consistentReads, shadow);
        // Shadow mode runs everything on the primary: nothing starts on a replica, optimistically or not.
        this.optimistic = config.get(Options.OPTIMISTIC_TRANSACTIONS) && shadow == null
                ? new OptimisticTransaction(this, rules, state, pins, router.optimisticCounters(),
                        config.get(Options.OPTIMISTIC_REPLAY_LIMIT)) : null;
        pins.watchedBy(optimistic);
    }

    public Router router() {
        return router;
    }

    public String name() {
        // Built when first logged: most connections never are.
        if (name == null) {
            name = "connection " + id;
        }
        return name;
    }

    String clusterName() {
        return cluster.name();
    }

    // ---- executing ----

    /**
     * Runs one execution: places it, opens its physical statement through {@code opener}, runs {@code call} and keeps
     * the books. A read that fails by a broken connection or a socket timeout outside a transaction runs once more on
     * another node, on a connection checked to answer first; nodes that fail before anything is sent are skipped.
     * Every other failure reaches the caller as {@link FailurePolicy} describes it. On success the lease that
     * {@code opener} last opened on is held for the caller, who releases it when the results are done with.
     */
    public <T> T execute(String sql, Classification classification, StatementOpener opener, PhysicalCall<T> call)
            throws SQLException {
        if (optimistic != null) {
            optimistic.before(classification, sql, opener);
        }
        Node avoid = null;
        int sent = 0;
        for (int placements = 1; ; placements++) {
            PhysicalConnection lease;
            try {
                lease = rules.place(classification, sql, avoid);
                if (sent > 0) {
                    rules.validate(lease);
                }
            } catch (SQLException e) {
                // Nothing was sent: a node that cannot even give a working connection is skipped, once per node.
                Node tried = rules.lastTried();
                boolean retryable = rules.lastRetryable() && opener.replayable()
                        && placements <= cluster.nodes().size();
                if (tried == null || !retry(tried, FailurePolicy.kindOf(e, false), retryable, 1, e)) {
                    throw e;
                }
                avoid = tried;
                continue;
            }
            // How it was placed, read before anything else can place again.
            FallbackReason fallback = rules.placedFallback();
            boolean retryable = rules.placedRetryable();
            Statement physical = null;
            try {
                // Counted before anything reaches the server, so that no path sends one execution a third time.
                sent++;
                books.seedLastInsertId(lease, classification);
                long started = timesStatements ? System.nanoTime() : 0;
                physical = opener.open(lease);
                T result = call.run(physical, sql);
                if (timesStatements) {
                    lease.node().recordLatency(System.nanoTime() - started);
                }
                books.executed(lease, fallback, classification, sql, physical);
                if (optimistic != null) {
                    optimistic.executed(lease, sql);
                }
                return result;
            } catch (SQLException e) {
                closeQuietly(physical);
                FailureKind kind = FailurePolicy.kindOf(e, opener.cancelled());
                if (!failed(lease, kind, e, retryable && opener.replayable(), sent)) {
                    throw FailurePolicy.describe(e, kind, lease, fallback, classification);
                }
                avoid = lease.node();
            } catch (RuntimeException | Error e) {
                closeQuietly(physical);
                lease.release();
                throw e;
            }
        }
    }

    /**
     * Applies the failure policy to an execution that failed on its placement, and gives the execution's hold back.
     *
     * @return whether it may run again elsewhere
     */
    /** @param retryable whether the execution is a read that may run again elsewhere */
    private boolean failed(PhysicalConnection lease, FailureKind kind, SQLException failure, boolean retryable,
                           int attempt) {
        if (FailurePolicy.breaksConnection(failure)) {
            lease.discard();
            pins.lost(lease, failure);
        }
        lease.release();
        return retry(lease.node(), kind, retryable, attempt, failure);
    }

    private boolean retry(Node node, FailureKind kind, boolean retryableRead, int attempt, SQLException failure) {
        if (FailurePolicy.reportsNode(kind)) {
            cluster.reportConnectionFailure(node, failure);
        } else if (kind == FailureKind.SOCKET_TIMEOUT) {
            node.counters().error();
        }
        boolean retry = retryReads && FailurePolicy.retriesElsewhere(kind, retryableRead, attempt);
        if (retry) {
            node.counters().retry();
            if (log.isDebugEnabled()) {
                log.debug("rwsplit[{}] {}: retrying a read that failed on {} ({}): {}", cluster.name(), name(), node,
                        kind, failure.getMessage());
            }
        }
        return retry;
    }

    /**
     * Places a statement without running it, for prepared-statement metadata before the first execution. The caller
     * releases the lease.
     */
    public PhysicalConnection place(Classification classification, String sql) throws SQLException {
        if (optimistic != null) {
            optimistic.before(classification, sql, null);
        }
        return rules.place(classification, sql, null);
    }

    /**
     * The result set the application reads of the execution just run: in an optimistic transaction on a replica,
     * wrapped so that the rows it reads are recorded for verification; else {@code physical} itself.
     */
    public ResultSet results(ResultSet physical) {
        return optimistic == null ? physical : optimistic.results(physical);
    }

    /** Refuses a batch that writes on a read-only connection, before any of it is sent. */
    public void checkWritable(List<Classification> statements) throws SQLException {
        if (!state.readOnly && !isReplicaTransaction()) {
            return;
        }
        for (Classification classification : statements) {
            if (PlacementRules.isWrite(classification)) {
                throw PlacementRules.readOnlyViolation(classification);
            }
        }
    }

    /** A read-only transaction on a replica; an optimistic one moves to the primary at its first write instead. */
    private boolean isReplicaTransaction() {
        PhysicalConnection transaction = pins.transaction();
        return transaction != null && !transaction.node().isPrimary()
                && (optimistic == null || !optimistic.onReplica());
    }

    // ---- state the JDBC API reads and writes ----

    public boolean autoCommit() {
        return state.autoCommit;
    }

    /** JDBC setAutoCommit: switching it on commits the open transaction. */
    public void autoCommit(boolean on) throws SQLException {
        if (on == state.autoCommit) {
            return;
        }
        if (on && (pins.inTransaction() || pins.lostTransaction() != null)) {
            commit();
        }
        state.autoCommit = on;
    }

    public boolean readOnly() {
        return state.readOnly;
    }

    public void readOnly(boolean on) throws SQLException {
        if (on != state.readOnly && pins.inTransaction()) {
            throw new SQLException("rwsplit: setReadOnly(" + on + ") during a transaction: end the transaction first,"
                    + " since it cannot move between the primary and a replica", "25001");
        }
        state.readOnly = on;
    }

    public SessionSnapshot session() {
        return state.snapshot;
    }

    public String catalog() {
        return state.catalog();
    }

    public boolean inTransaction() {
        return pins.inTransaction();
    }

    /** The transaction's pinned connection, or null outside transactions. */
    public PhysicalConnection transaction() {
        return pins.transaction();
    }

    public void networkTimeout(Executor executor, int millis) {
        state.networkTimeoutExecutor = executor;
        state.networkTimeout = millis;
    }

    public int networkTimeout() {
        return state.networkTimeout;
    }

    public void nextTransactionCharacteristics(String assignment) {
        state.nextTransactionCharacteristics(assignment);
    }

    /** Whether anything could still run: false once the pinned session died, since its state is gone with it. */
    public boolean usable() {
        return pins.usable();
    }

    /** The position of this connection's writes, for another connection that must see them; null when none. */
    public String lastWritePosition() {
        return consistentReads.lastWritePosition();
    }

    /** Makes this connection's reads see {@code position} too (a token another connection handed over). */
    public void readAfter(String position) throws SQLException {
        consistentReads.readAfter(position);
    }

    // ---- transactions ----

    public void commit() throws SQLException {
        transactions.commit();
    }

    public void rollback() throws SQLException {
        transactions.rollback();
    }

    /** Pins a transaction now, for JDBC calls that need one before any statement (setSavepoint). */
    public PhysicalConnection transactionForSavepoint() throws SQLException {
        if (optimistic != null) {
            optimistic.beforeSavepoint();
        }
        return transactions.pinForSavepoint();
    }

    public SQLException lostTransaction() {
        return pins.lostTransaction();
    }

    /** A transaction whose connection broke, or one the application ends without COMMIT (SQL ROLLBACK). */
    public boolean clearLostTransaction() {
        return pins.clearLostTransaction();
    }

    // ---- session state set by SQL (SET, USE) or JDBC setters ----

    /**
     * Makes {@code next} this connection's session state after proving that a server accepts it: it is applied on the
     * connection the next statement would use (the pinned one, or the primary's, or a replica's when read-only).
     */
    public void changeSession(SessionSnapshot next) throws SQLException {
        pins.checkUsable(null);
        if (next.equals(state.snapshot)) {
            return;
        }
        SessionSnapshot previous = state.snapshot;
        state.snapshot = next;
        try {
            PhysicalConnection pinned = pins.transaction() != null ? pins.transaction() : pins.primarySession();
            PhysicalConnection lease;
            if (pinned != null) {
                lease = rules.prepared(pinned, null, false);
            } else if (state.readOnly && !cluster.replicas().isEmpty()) {
                lease = rules.onReader(PlacementRules.READ, null);
            } else {
                lease = rules.onPrimary(null);
            }
            lease.release();
        } catch (SQLException e) {
            state.snapshot = previous;
            throw e;
        }
    }

    /** Runs {@code work} on the primary: this session's pinned connection there, or a borrowed one. */
    public <T> T withPrimary(PhysicalWork<T> work) throws SQLException {
        PhysicalConnection lease = holdPrimary();
        try {
            return work.run(lease);
        } catch (SQLException e) {
            if (FailurePolicy.breaksConnection(e)) {
                lease.discard();
                pins.lost(lease, e);
                cluster.reportConnectionFailure(lease.node(), e);
            }
            throw e;
        } finally {
            lease.release();
        }
    }

    /**
     * A held connection to the primary for work outside statements (metadata, LOB factories): the pinned one when
     * this session has one there, else a borrowed one. The caller releases it.
     */
    public PhysicalConnection holdPrimary() throws SQLException {
        pins.checkUsable(null);
        PhysicalConnection transaction = pins.transaction();
        if (transaction != null && transaction.node().isPrimary()) {
            return rules.prepared(transaction, null, false);
        }
        return rules.onPrimary(null);
    }

    /** Work on one physical connection. */
    @FunctionalInterface
    public interface PhysicalWork<T> {
        T run(PhysicalConnection lease) throws SQLException;
    }

    /** Any node that could serve something, for isValid: no round trip, since the monitor already checks every node. */
    public boolean anyNodeAnswers() {
        for (Node node : cluster.nodes()) {
            if (node.health().status() != NodeStatus.DOWN) {
                return true;
            }
        }
        return false;
    }

    /** Ends everything at close: the open transaction rolls back, a pinned session is closed rather than pooled. */
    public void close() {
        transactions.close();
    }

    /** Forcible close from another thread (Connection.abort): nothing is pooled again. */
    public void abort() {
        for (PhysicalConnection lease : pins.takeAll()) {
            if (lease != null) {
                lease.discard();
            }
        }
    }

    private static void closeQuietly(Statement physical) {
        if (physical != null) {
            try {
                physical.close();
            } catch (SQLException e) {
                log.debug("closing a physical statement failed", e);
            }
        }
    }
}
