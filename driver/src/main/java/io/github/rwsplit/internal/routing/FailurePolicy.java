package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.ConnectionFailures;
import io.github.rwsplit.internal.cluster.ConnectorStatements;
import io.github.rwsplit.internal.cluster.NodeSaturatedException;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.StatementKind;
import io.github.rwsplit.metrics.FallbackReason;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that decides what a failure means: its {@link FailureKind}, and for each kind whether the node is
 * reported, whether the physical connection can go back to its pool, and whether a read may run again elsewhere. The
 * rules are those of the failure table in docs/routing.md; {@link RoutingSession#execute} applies them in its one
 * retry loop.
 */
public final class FailurePolicy {
    /** MySQL's ER_QUERY_TIMEOUT (max_execution_time) and MariaDB's ER_STATEMENT_TIMEOUT (max_statement_time). */
    private static final int MYSQL_QUERY_TIMEOUT = 3024;
    private static final int MARIADB_STATEMENT_TIMEOUT = 1969;
    /** How many times one execution may run: the first try and one retry elsewhere. */
    static final int MAX_ATTEMPTS = 2;

    private FailurePolicy() {
    }

    /**
     * Classifies a failure. Never throws.
     *
     * @param cancelled whether the application cancelled, closed or aborted the statement while it ran
     */
    public static FailureKind kindOf(SQLException failure, boolean cancelled) {
        if (cancelled || ConnectorStatements.isCancellation(failure)) {
            return FailureKind.CANCELLED;
        }
        if (failure instanceof NodeSaturatedException) {
            return FailureKind.SATURATED;
        }
        if (failure instanceof SQLTimeoutException || failure.getErrorCode() == MYSQL_QUERY_TIMEOUT
                || failure.getErrorCode() == MARIADB_STATEMENT_TIMEOUT) {
            return FailureKind.QUERY_TIMEOUT;
        }
        if (!breaksConnection(failure)) {
            return FailureKind.STATEMENT;
        }
        return causedBySocketTimeout(failure) ? FailureKind.SOCKET_TIMEOUT : FailureKind.CONNECTION_LOST;
    }

    /** Whether the physical connection is unusable after {@code failure}: it must be discarded, never pooled. */
    public static boolean breaksConnection(SQLException failure) {
        return ConnectionFailures.isConnectionFailure(failure);
    }

    /** Whether the node should be reported to the monitor, which takes a replica out of rotation at once. */
    static boolean reportsNode(FailureKind kind) {
        return kind == FailureKind.CONNECTION_LOST;
    }

    /**
     * Whether an execution that failed this way may run again on another node: a read outside transactions whose
     * connection broke or timed out, never after the application's own limit or cancel, and at most once.
     */
    static boolean retriesElsewhere(FailureKind kind, boolean retryableRead, int attempt) {
        return retryableRead && attempt < MAX_ATTEMPTS
                && (kind == FailureKind.CONNECTION_LOST || kind == FailureKind.SOCKET_TIMEOUT);
    }

    /**
     * What the application sees: statement errors as the server sent them; broken connections as a connection-class
     * error naming the node, and a COMMIT whose outcome is unknown as 08007.
     */
    /** @param fallback why the failed read ran on the primary, or null */
    static SQLException describe(SQLException failure, FailureKind kind, PhysicalConnection lease,
                                 FallbackReason fallback, Classification classification) {
        if (kind != FailureKind.CONNECTION_LOST && kind != FailureKind.SOCKET_TIMEOUT) {
            return failure;
        }
        if (classification != null && classification.kind() == StatementKind.COMMIT) {
            return commitOutcomeUnknown(lease, failure);
        }
        String state = failure.getSQLState() != null && failure.getSQLState().startsWith("08")
                ? failure.getSQLState() : "08S01";
        String what = kind == FailureKind.SOCKET_TIMEOUT ? " did not answer within the socket timeout" : " failed";
        if (fallback == FallbackReason.READ_YOUR_WRITES) {
            what += " serving a read that must see this connection's last write, which no usable replica has applied"
                    + " within readYourWritesTimeout";
        }
        what += ": ";
        return new SQLTransientConnectionException("rwsplit: " + lease.node() + what + failure.getMessage(), state,
                failure);
    }

    static SQLException commitOutcomeUnknown(PhysicalConnection lease, SQLException failure) {
        return new SQLTransientConnectionException("rwsplit: the connection to " + lease.node() + " broke during"
                + " COMMIT; the transaction may or may not have committed: " + failure.getMessage(), "08007", failure);
    }

    private static boolean causedBySocketTimeout(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 16; cause = cause.getCause(), depth++) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
