package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.session.SessionVariable;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SqlClassifier;
import io.github.rwsplit.internal.sql.StatementKind;
import io.github.rwsplit.internal.sql.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimistic read-write transactions of one logical connection (docs/optimistic-transactions.md): a read-write
 * transaction whose first statement is a plain read begins on a replica, its reads are logged for replay, and its
 * first statement that needs the primary moves it there through {@link TransactionMove}. A transaction that never
 * needs the primary ends on the replica.
 *
 * <p>{@link RoutingSession#execute} asks {@link #before} ahead of each placement and reports each execution through
 * {@link #executed}; {@link Pins} reports transactions that end or break.
 */
final class OptimisticTransaction {
    private static final Logger log = LoggerFactory.getLogger(OptimisticTransaction.class);
    /**
     * What makes a read answer differently on another server or a moment later (the time, random values, server
     * variables such as @@server_id): verifying it would refuse the transaction every time, so it needs the primary.
     */
    private static final List<String> VARYING = List.of("NOW(", "SYSDATE", "CURRENT_TIME", "CURTIME", "CURDATE",
            "CURRENT_DATE", "LOCALTIME", "UNIX_TIMESTAMP", "UTC_", "RAND(", "UUID(", "UUID_SHORT(", "@@");

    private final RoutingSession session;
    private final PlacementRules rules;
    private final SessionState state;
    private final Pins pins;
    private final OptimisticCounters counters;
    private final ReplayLog replayLog;
    /** The replica connection the transaction runs on, until it moves or ends; null otherwise. */
    private PhysicalConnection replica;
    /** The BEGIN / START TRANSACTION that opened it, to open the primary's the same way; null after autocommit off. */
    private String beginSql;
    private List<String> characteristics = List.of();
    /** The replay of the read about to run on the replica, and the logged read whose results are yet to be seen. */
    private ReadReplay nextReplay;
    private ReplayedRead awaitingResults;
    /** After a refusal the next transaction, most likely its retry, runs on the primary, where it cannot be refused. */
    private boolean retryOnPrimary;

    OptimisticTransaction(RoutingSession session, PlacementRules rules, SessionState state, Pins pins,
                          OptimisticCounters counters, int replayLimit) {
        this.session = session;
        this.rules = rules;
        this.state = state;
        this.pins = pins;
        this.counters = counters;
        this.replayLog = new ReplayLog(replayLimit);
    }

    /** Whether the open transaction is an optimistic one still on its replica. */
    boolean onReplica() {
        return replica != null && replica == pins.transaction();
    }

    /**
     * Ahead of an execution's placement: begins an optimistic transaction when this execution opens a read-write
     * transaction with a plain read or BEGIN, or moves the open one to the primary when this execution needs it.
     *
     * @param opener the statement, or null when nothing will run (prepared-statement metadata)
     */
    void before(Classification classification, String sql, StatementOpener opener) throws SQLException {
        nextReplay = null;
        awaitingResults = null;
        if (!onReplica()) {
            if (pins.transaction() == null && opensOptimistically(classification, sql)) {
                begin(classification, sql, opener);
            }
            return;
        }
        switch (classification.kind()) {
            case COMMIT, ROLLBACK, BEGIN -> {
                // Ends this transaction; AND CHAIN, or BEGIN, opens the next one on the same replica at once.
                boolean begins = classification.kind() == StatementKind.BEGIN;
                if (begins || classification.has(Classification.CHAIN)) {
                    clearLog();
                    counters.endedOnReplica();
                    counters.started();
                    if (begins) {
                        beginSql = sql;
                    }
                }
                return;
            }
            case BEGIN_READ_ONLY -> {
                // Commits this transaction and opens a read-only one, which stays on the replica and refuses writes.
                detach();
                counters.endedOnReplica();
                return;
            }
            default -> {
            }
        }
        String reason = needsPrimary(classification, sql);
        if (reason == null && opener != null) {
            nextReplay = opener.replay(sql);
            if (nextReplay == null) {
                reason = "a read that cannot run twice (a parameter read from a stream, or an updatable result set)";
            } else if (replayLog.full()) {
                reason = "a read beyond optimisticReplayLimit";
                nextReplay = null;
            }
        }
        if (reason != null) {
            move(reason);
        }
    }

    /** JDBC setSavepoint: a savepoint lives in the primary's transaction, so the transaction moves there first. */
    void beforeSavepoint() throws SQLException {
        if (onReplica()) {
            move("a savepoint");
        }
    }

    /** After a successful execution on {@code lease}: a read on the replica joins the replay log. */
    void executed(PhysicalConnection lease, String sql) {
        if (nextReplay != null && lease == replica) {
            ReplayedRead read = new ReplayedRead(sql, nextReplay);
            replayLog.add(read);
            awaitingResults = read;
        }
        nextReplay = null;
    }

    /** The physical results of the execution just reported, wrapped to record what the application reads of them. */
    ResultSet results(ResultSet physical) {
        ReplayedRead read = awaitingResults;
        if (read == null || physical == null) {
            return physical;
        }
        awaitingResults = null;
        return new RecordedResults(physical, read);
    }

    /** The transaction's pin ended (COMMIT, ROLLBACK, close): one on the replica ended there. */
    void ended(PhysicalConnection lease) {
        if (lease == replica) {
            detach();
            counters.endedOnReplica();
        }
    }

    /** The transaction's connection broke: it is lost, as any transaction whose connection breaks. */
    void lost(PhysicalConnection lease) {
        if (lease == replica) {
            detach();
        }
    }

    private void detach() {
        replica = null;
        clearLog();
    }

    private void clearLog() {
        for (ReplayedRead read : replayLog.reads()) {
            if (read.open != null) {
                read.open.stopRecording();
            }
        }
        replayLog.clear();
        awaitingResults = null;
    }

    /**
     * Whether this execution opens a transaction that may begin on a replica. Not on a read-only connection (its
     * transactions run on a replica anyway), under LOCK TABLES (held by a primary session), for SERIALIZABLE (every
     * read must lock what it read on the primary), for an explicit READ WRITE (the application says it will write),
     * right after a refusal, nor when the first statement needs the primary itself.
     */
    private boolean opensOptimistically(Classification classification, String sql) {
        if (state.readOnly || state.tablesLocked || serializable()) {
            return false;
        }
        if (retryOnPrimary) {
            retryOnPrimary = false;
            return false;
        }
        if (classification.kind() == StatementKind.BEGIN) {
            return !classification.hints().primary() && !sql.toUpperCase(Locale.ROOT).contains("WRITE");
        }
        return !state.autoCommit && needsPrimary(classification, sql) == null;
    }

    private boolean serializable() {
        if (state.snapshot.isolation() == Connection.TRANSACTION_SERIALIZABLE) {
            return true;
        }
        for (String characteristic : state.nextTransactionCharacteristics()) {
            if (characteristic.toUpperCase(Locale.ROOT).contains("SERIALIZABLE")) {
                return true;
            }
        }
        for (SessionVariable variable : state.snapshot.variables()) {
            if (variable.key().toLowerCase(Locale.ROOT).contains("isolation")
                    && variable.assignment().toUpperCase(Locale.ROOT).contains("SERIALIZABLE")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Why this statement cannot run in the replica's transaction, or null when it can: only plain single reads can,
     * those a replica would serve outside a transaction.
     */
    private String needsPrimary(Classification classification, String sql) {
        if (classification.target() != Target.REPLICA_READ) {
            return "a " + classification.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " statement that needs the primary";
        }
        if (classification.hints().primary()) {
            return "a read with a primary hint";
        }
        if (!state.temporaryTables().isEmpty() && SqlClassifier.mentionsIdentifier(sql, state.temporaryTables())) {
            return "a read of a temporary table";
        }
        if (severalStatements(sql)) {
            return "a multi-statement read";
        }
        if (varies(sql)) {
            return "a read of the time, a random value or a server variable";
        }
        return null;
    }

    private static boolean varies(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        for (String marker : VARYING) {
            if (upper.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** A ';' before the last statement's end: only single results are verified. Quoted ones count too (cautious). */
    private static boolean severalStatements(String sql) {
        int end = sql.length();
        while (end > 0 && (sql.charAt(end - 1) == ';' || Character.isWhitespace(sql.charAt(end - 1)))) {
            end--;
        }
        return sql.lastIndexOf(';', end - 1) >= 0;
    }

    private void begin(Classification classification, String sql, StatementOpener opener) throws SQLException {
        boolean begins = classification.kind() == StatementKind.BEGIN;
        ReadReplay replay = null;
        if (!begins && opener != null) {
            replay = opener.replay(sql);
            if (replay == null) {
                return;
            }
        }
        PhysicalConnection lease;
        try {
            lease = rules.onReader(begins ? PlacementRules.READ : classification, null);
        } catch (SQLException e) {
            log.debug("rwsplit[{}] {}: no replica for an optimistic transaction, it begins on the primary: {}",
                    session.clusterName(), session.name(), e.getMessage());
            return;
        }
        List<String> taken = state.takeNextTransactionCharacteristics();
        rules.startTransaction(lease, taken);
        pins.beginTransaction(lease);
        if (lease.node().isPrimary()) {
            // No replica could serve it (readFromPrimary): an ordinary transaction on the primary.
            return;
        }
        replica = lease;
        beginSql = begins ? sql : null;
        characteristics = taken;
        nextReplay = replay;
        counters.started();
    }

    private void move(String reason) throws SQLException {
        PhysicalConnection from = replica;
        TransactionMove move = new TransactionMove(session, rules, state, from, beginSql, characteristics);
        try {
            move.run(replayLog.reads(), reason);
        } catch (TransactionMove.Refused refused) {
            endOnReplica(from);
            counters.refused();
            retryOnPrimary = true;
            throw refused.failure();
        }
        endOnReplica(from);
        pins.beginTransaction(move.primary());
        counters.moved();
    }

    /** Ends the replica's transaction and its pin; it only read, so a broken connection here loses nothing. */
    private void endOnReplica(PhysicalConnection from) {
        detach();
        TransactionMove.rollbackQuietly(from, rules);
        pins.endTransaction();
    }
}
