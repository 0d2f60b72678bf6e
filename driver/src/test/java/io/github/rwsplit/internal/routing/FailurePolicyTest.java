package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.exceptions.MySQLStatementCancelledException;
import com.mysql.cj.jdbc.exceptions.MySQLTimeoutException;
import io.github.rwsplit.internal.cluster.NodeSaturatedException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The failure table of docs/routing.md, one failure shape per row: its kind, and what each kind leads to. */
class FailurePolicyTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                row("syntax error", new SQLSyntaxErrorException("You have an error", "42000", 1064),
                        FailureKind.STATEMENT),
                row("duplicate key", new SQLIntegrityConstraintViolationException("Duplicate", "23000", 1062),
                        FailureKind.STATEMENT),
                row("lock wait timeout", new SQLException("Lock wait timeout exceeded", "HY000", 1205),
                        FailureKind.STATEMENT),
                row("deadlock", new SQLTransactionRollbackException("Deadlock found", "40001", 1213),
                        FailureKind.STATEMENT),
                row("read-only refusal", new SQLException("read-only", "25006"), FailureKind.STATEMENT),
                row("unknown database", new SQLSyntaxErrorException("Unknown database 'x'", "42000", 1049),
                        FailureKind.STATEMENT),
                row("access denied to a table", new SQLSyntaxErrorException("denied", "42000", 1142),
                        FailureKind.STATEMENT),
                row("no SQLState", new SQLException("odd"), FailureKind.STATEMENT),
                row("setQueryTimeout", new MySQLTimeoutException(), FailureKind.QUERY_TIMEOUT),
                row("plain SQLTimeoutException", new SQLTimeoutException("timed out"), FailureKind.QUERY_TIMEOUT),
                row("MySQL max_execution_time", new SQLException("maximum statement execution time exceeded",
                        "HY000", 3024), FailureKind.QUERY_TIMEOUT),
                row("MariaDB max_statement_time", new SQLException("max_statement_time exceeded", "70100", 1969),
                        FailureKind.QUERY_TIMEOUT),
                row("Connector/J cancel", new MySQLStatementCancelledException(), FailureKind.CANCELLED),
                row("saturated pool", saturated(), FailureKind.SATURATED),
                row("communications link failure", new SQLException("Communications link failure", "08S01"),
                        FailureKind.CONNECTION_LOST),
                row("connection refused at borrow", new SQLTransientConnectionException("refused", "08001",
                        new ConnectException("Connection refused")), FailureKind.CONNECTION_LOST),
                row("connection closed", new SQLNonTransientConnectionException("closed", "08003"),
                        FailureKind.CONNECTION_LOST),
                row("recoverable, no state", new SQLRecoverableException("reset"), FailureKind.CONNECTION_LOST),
                row("transient connection, no state", new SQLTransientConnectionException("gone"),
                        FailureKind.CONNECTION_LOST),
                row("08 in a next exception", chained(new SQLException("batch", "HY000"),
                        new SQLException("link", "08S01")), FailureKind.CONNECTION_LOST),
                row("socket timeout", socketTimeout(), FailureKind.SOCKET_TIMEOUT),
                row("socket timeout deep in the causes", new SQLException("wrapped", "08S01",
                        new RuntimeException(new RuntimeException(new SocketTimeoutException("Read timed out")))),
                        FailureKind.SOCKET_TIMEOUT),
                row("socket timeout on a statement error is still a statement error", new SQLException("x", "42000",
                        new SocketTimeoutException()), FailureKind.STATEMENT));
    }

    private static Arguments row(String name, SQLException failure, FailureKind kind) {
        return Arguments.of(name, failure, kind);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void eachFailureShapeHasItsKind(String name, SQLException failure, FailureKind kind) {
        assertEquals(kind, FailurePolicy.kindOf(failure, false));
    }

    @ParameterizedTest(name = "{0}, cancelled by the application -> CANCELLED")
    @MethodSource("failures")
    void anyFailureOfACancelledStatementCountsAsCancelled(String name, SQLException failure, FailureKind kind) {
        assertEquals(FailureKind.CANCELLED, FailurePolicy.kindOf(failure, true));
    }

    @ParameterizedTest(name = "{0}: connection discarded = {2} is connection-class")
    @MethodSource("failures")
    void onlyConnectionClassFailuresDiscardTheConnection(String name, SQLException failure, FailureKind kind) {
        boolean broken = kind == FailureKind.CONNECTION_LOST || kind == FailureKind.SOCKET_TIMEOUT;
        assertEquals(broken, FailurePolicy.breaksConnection(failure));
    }

    @Test
    void aSaturatedPoolIsNotAConnectionFailure() {
        assertFalse(FailurePolicy.breaksConnection(saturated()));
        assertFalse(FailurePolicy.reportsNode(FailureKind.SATURATED));
        assertFalse(FailurePolicy.retriesElsewhere(FailureKind.SATURATED, true, 1));
    }

    @Test
    void onlyABrokenConnectionReportsTheNode() {
        for (FailureKind kind : FailureKind.values()) {
            assertEquals(kind == FailureKind.CONNECTION_LOST, FailurePolicy.reportsNode(kind), kind.name());
        }
    }

    @Test
    void brokenConnectionsAndSocketTimeoutsOfAReadAreRetriedOnceElsewhere() {
        for (FailureKind kind : FailureKind.values()) {
            boolean expected = kind == FailureKind.CONNECTION_LOST || kind == FailureKind.SOCKET_TIMEOUT;
            assertEquals(expected, FailurePolicy.retriesElsewhere(kind, true, 1), kind.name());
            assertFalse(FailurePolicy.retriesElsewhere(kind, true, 2), kind + " is never retried twice");
            assertFalse(FailurePolicy.retriesElsewhere(kind, false, 1), kind + " is never retried when not a read");
        }
    }

    @Test
    void aQueryTimeoutIsNeverRetried() {
        assertFalse(FailurePolicy.retriesElsewhere(FailureKind.QUERY_TIMEOUT, true, 1));
    }

    @Test
    void aCancelledStatementIsNeverRetried() {
        assertFalse(FailurePolicy.retriesElsewhere(FailureKind.CANCELLED, true, 1));
    }

    @Test
    void statementErrorsReachTheApplicationAsTheServerSentThem() {
        SQLException failure = new SQLSyntaxErrorException("You have an error", "42000", 1064);
        assertSame(failure, FailurePolicy.describe(failure, FailureKind.STATEMENT, null, null, null));
        SQLException timeout = new MySQLTimeoutException();
        assertSame(timeout, FailurePolicy.describe(timeout, FailureKind.QUERY_TIMEOUT, null, null, null));
        SQLException busy = saturated();
        assertSame(busy, FailurePolicy.describe(busy, FailureKind.SATURATED, null, null, null));
    }

    @Test
    void neverThrowsOnOddFailures() {
        SQLException selfChained = new SQLException("loop", "HY000");
        selfChained.setNextException(selfChained);
        assertEquals(FailureKind.STATEMENT, FailurePolicy.kindOf(selfChained, false));
        Throwable cycle = new RuntimeException();
        SQLException deep = new SQLException("deep", "08S01", cycle);
        cycle.initCause(new RuntimeException(new RuntimeException()));
        assertEquals(FailureKind.CONNECTION_LOST, FailurePolicy.kindOf(deep, false));
        assertEquals(FailureKind.STATEMENT, FailurePolicy.kindOf(new BatchUpdateException(), false));
    }

    @Test
    void aCommunicationsFailureWithAReadTimeoutIsASocketTimeout() {
        assertTrue(FailurePolicy.kindOf(socketTimeout(), false) == FailureKind.SOCKET_TIMEOUT);
    }

    static SQLException saturated() {
        return new NodeSaturatedException(null, "busy", new SQLTransientConnectionException("timed out"));
    }

    static SQLException socketTimeout() {
        return new SQLException("Communications link failure\n\nThe last packet successfully received from the server"
                + " was 1,502 milliseconds ago.", "08S01", new SocketTimeoutException("Read timed out"));
    }

    private static SQLException chained(SQLException first, SQLException next) {
        first.setNextException(next);
        return first;
    }
}
