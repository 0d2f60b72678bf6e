package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.ConnectorStatements;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SqlRedaction;
import io.github.rwsplit.internal.sql.StatementKind;
import io.github.rwsplit.internal.sql.Target;
import io.github.rwsplit.metrics.FallbackReason;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a successful execution changes for the session and the metrics: the node's counters, the DEBUG routing line,
 * the primary-session pins (user variables, temporary tables, LOCK TABLES, the last insert id), the transaction's
 * start and end as the server reports them, and what later reads must see.
 */
final class ExecutionBooks {
    private static final Logger log = LoggerFactory.getLogger(RoutingSession.class);
    private static final int MAX_LOGGED_SQL = 200;

    private final RoutingSession session;
    private final SessionState state;
    private final Pins pins;
    private final ConsistentReads consistentReads;
    /** Shadow mode's verdicts, shown in the DEBUG line; null when statements are routed. */
    private final ShadowRouting shadow;

    ExecutionBooks(RoutingSession session, SessionState state, Pins pins, ConsistentReads consistentReads,
                   ShadowRouting shadow) {
        this.session = session;
        this.state = state;
        this.pins = pins;
        this.consistentReads = consistentReads;
        this.shadow = shadow;
    }

    /**
     * @param fallback why a replica-eligible read ran on the primary, or null
     * @param physical the physical statement that ran
     */
    void executed(PhysicalConnection lease, FallbackReason fallback, Classification classification, String sql,
                  Statement physical) throws SQLException {
        Node node = lease.node();
        if (!isTransactionControl(classification.kind())) {
            if (classification.target() == Target.WRITE) {
                node.counters().write();
            } else {
                node.counters().read();
            }
        }
        if (fallback != null) {
            node.counters().fallback(fallback);
        }
        if (log.isDebugEnabled()) {
            log.debug("rwsplit[{}] {}: {} -> {}{}: {}", session.clusterName(), session.name(), classification.kind(),
                    node, fallback != null ? " (" + fallback.label() + ")"
                            : shadow != null ? " (shadow: " + shadow.lastVerdict() + ")" : "", loggable(sql));
        }
        if (node.isPrimary()) {
            trackPrimarySession(lease, classification, physical);
        }
        boolean writes = classification.target() == Target.WRITE && PlacementRules.isWrite(classification);
        boolean inTransaction = pins.inTransaction();
        pins.transactionWrote |= writes && inTransaction;
        boolean wrote = pins.transactionWrote;
        trackTransactionBoundary(lease, classification);
        if (node.isPrimary() && (writes || inTransaction && wrote) && !pins.inTransaction()) {
            consistentReads.committed(lease);
        }
    }

    private void trackPrimarySession(PhysicalConnection lease, Classification classification, Statement physical)
            throws SQLException {
        if (classification.has(Classification.SESSION_BOUND)) {
            pins.pinPrimarySession(lease);
        }
        switch (classification.kind()) {
            case LOCK_TABLES -> state.tablesLocked = true;
            case UNLOCK_TABLES -> state.tablesLocked = false;
            default -> {
            }
        }
        state.createdTemporaryTables(classification.createdTemporaryTables());
        state.droppedTables(classification.droppedTables());
        if (classification.kind() == StatementKind.DML) {
            long id = ConnectorStatements.lastInsertId(physical);
            if (id != 0) {
                state.lastInsertId = id;
            }
        }
    }

    private void trackTransactionBoundary(PhysicalConnection lease, Classification classification) {
        StatementKind kind = classification.kind();
        if (lease == pins.transaction()) {
            boolean ended = (kind == StatementKind.COMMIT || kind == StatementKind.ROLLBACK)
                    && !classification.has(Classification.CHAIN);
            if (ended || state.autoCommit && classification.has(Classification.IMPLICIT_COMMIT)
                    && !lease.inTransactionOnServer()) {
                pins.endTransaction();
            }
        } else if (state.autoCommit && !pins.inTransaction() && lease.inTransactionOnServer()) {
            // SQL opened a transaction the classifier did not see coming (say, "BEGIN; INSERT ..." in one string):
            // everything stays on this session until the server says it ended.
            pins.beginTransaction(lease.hold());
        }
    }

    /** Before a statement that reads LAST_INSERT_ID() runs on a session that did not do this connection's insert. */
    void seedLastInsertId(PhysicalConnection lease, Classification classification) throws SQLException {
        if (!classification.has(Classification.READS_LAST_INSERT_ID) || state.lastInsertId == 0
                || pins.isPinned(lease)) {
            return;
        }
        try (Statement statement = lease.connection().createStatement()) {
            statement.execute("DO LAST_INSERT_ID(" + state.lastInsertId + ")");
        }
    }

    /** Statements that delimit transactions: counted neither as reads nor as writes. */
    private static boolean isTransactionControl(StatementKind kind) {
        return switch (kind) {
            case BEGIN, BEGIN_READ_ONLY, COMMIT, ROLLBACK, SAVEPOINT, ROLLBACK_TO_SAVEPOINT, RELEASE_SAVEPOINT -> true;
            default -> false;
        };
    }

    /** SQL as the DEBUG log may show it: credentials masked, then abbreviated to a line's worth. */
    static String loggable(String sql) {
        if (sql == null) {
            return "";
        }
        String shown = SqlRedaction.redact(sql);
        return shown.length() <= MAX_LOGGED_SQL ? shown : shown.substring(0, MAX_LOGGED_SQL) + "…";
    }
}
