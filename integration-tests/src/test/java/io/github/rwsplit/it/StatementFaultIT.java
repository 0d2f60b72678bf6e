package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.ServerFamily;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timeouts and cancellation are about one statement, never about the node: a socket-timeout read is retried at most
 * once, a query timeout, a server-side statement timeout or a cancel() never, and no node leaves rotation for them. A
 * read that cannot see the connection's own last write fails with an 08 error instead of returning stale data.
 */
@WithReplicationCluster
class StatementFaultIT {
    private static final Logger log = LoggerFactory.getLogger(StatementFaultIT.class);

    private final ReplicationCluster cluster;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    StatementFaultIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS ryw (id INT PRIMARY KEY, v INT)");
            statement.execute("REPLACE INTO ryw VALUES (1, 0)");
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    @AfterEach
    void heal() {
        executor.shutdownNow();
        cluster.reset();
    }

    private RwSplitDataSource dataSource(String... options) {
        return new RwSplitDataSource(cluster.rwsplitUrl(options));
    }

    private static long retries(RwSplitDataSource dataSource) {
        return dataSource.getClusterStats().nodes().stream().mapToLong(node -> node.retries()).sum();
    }

    /** What one execution did: the first column of its first row, or the SQLException it threw; and how long it took. */
    private record Outcome(Object value, SQLException thrown, long millis) {
        static Outcome of(Statement statement, String sql) {
            long started = System.nanoTime();
            Object value = null;
            SQLException thrown = null;
            try {
                boolean rows = statement.execute(sql);
                while (!rows && statement.getUpdateCount() != -1) {
                    rows = statement.getMoreResults();
                }
                if (rows) {
                    try (ResultSet result = statement.getResultSet()) {
                        value = result.next() ? result.getObject(1) : null;
                    }
                }
            } catch (SQLException e) {
                thrown = e;
            }
            return new Outcome(value, thrown, (System.nanoTime() - started) / 1_000_000);
        }

        boolean isTimeout() {
            return thrown instanceof SQLTimeoutException;
        }

        String sqlState() {
            return thrown == null ? null : thrown.getSQLState();
        }

        @Override
        public String toString() {
            return (thrown == null ? "returned " + value
                    : "threw " + thrown.getClass().getName() + " [" + thrown.getSQLState() + "/" + thrown.getErrorCode()
                            + "] " + thrown.getMessage()) + " after " + millis + " ms";
        }
    }

    /** Asserts that rwsplit ended the statement the way a plain Connector/J connection did. */
    private static void assertSameOutcome(Outcome reference, Outcome actual) {
        String both = "Connector/J " + reference + "; rwsplit " + actual;
        assertEquals(reference.thrown == null, actual.thrown == null, both);
        if (reference.thrown == null) {
            assertEquals(String.valueOf(reference.value), String.valueOf(actual.value), both);
        } else {
            assertEquals(reference.isTimeout(), actual.isTimeout(), both);
            assertEquals(reference.sqlState(), actual.sqlState(), both);
        }
    }

    @Test
    void replicaReadPastTheSocketTimeout_failsWith08AfterAtMostOneRetry_andNoNodeGoesDown() throws Exception {
        String marker = "socket-timeout-" + System.nanoTime();
        try (RwSplitDataSource dataSource = dataSource("socketTimeout=1500", "monitorInterval=1s");
             StateWatch states = new StateWatch(dataSource);
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long retriesBefore = retries(dataSource);
            Outcome outcome = Outcome.of(statement, "SELECT SLEEP(6), '" + marker + "'");
            int executions = ServerSessions.running(cluster, marker);
            assertNotNull(outcome.thrown, "the read past the socket timeout: " + outcome);
            assertTrue(outcome.sqlState() != null && outcome.sqlState().startsWith("08"), outcome.toString());
            assertTrue(outcome.millis >= 1_400 && outcome.millis < 4_400,
                    "one try, or one retry, takes 1.5 to 3 s: " + outcome);
            assertTrue(executions >= 1 && executions <= 2, executions + " executions on the servers: " + outcome);
            assertTrue(retries(dataSource) - retriesBefore <= 1, "retried " + (retries(dataSource) - retriesBefore)
                    + " times");
            // The connection is still usable for the next read, and the monitor has two rounds to misjudge.
            assertTrue(ServedBy.serverId(cluster, connection) != null);
            TimeUnit.SECONDS.sleep(2);
            states.close();
            states.all().forEach((node, seen) -> assertFalse(seen.contains("down"),
                    node + " went down over a statement's socket timeout: " + states.all()));
        }
    }

    @Test
    void queryTimeoutOnARead_endsAsOnConnectorJ_isNeverRetried_andNoNodeGoesDown() throws Exception {
        ClusterNode replica = cluster.replicas().get(0);
        Outcome reference;
        long referenceKills;
        try (Connection plain = replica.appConnection(); Statement statement = plain.createStatement()) {
            statement.setQueryTimeout(1);
            long killsBefore = ServerSessions.status(cluster, "Com_kill");
            reference = Outcome.of(statement, "SELECT SLEEP(3), 'query-timeout-reference'");
            referenceKills = ServerSessions.status(cluster, "Com_kill") - killsBefore;
        }
        log.info("Connector/J with setQueryTimeout(1) on SELECT SLEEP(3): {}; KILLs: {}", reference, referenceKills);
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s");
             StateWatch states = new StateWatch(dataSource);
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(1);
            long retriesBefore = retries(dataSource);
            long killsBefore = ServerSessions.status(cluster, "Com_kill");
            Outcome outcome = Outcome.of(statement, "SELECT SLEEP(3), 'query-timeout'");
            long kills = ServerSessions.status(cluster, "Com_kill") - killsBefore;
            assertSameOutcome(reference, outcome);
            assertTrue(outcome.millis >= 900 && outcome.millis < 2_500, "the timed-out read: " + outcome);
            assertEquals(referenceKills, kills, "statements the timeout killed; Connector/J " + reference);
            assertEquals(0, retries(dataSource) - retriesBefore, "retries of a timed-out statement");
            statement.setQueryTimeout(0);
            assertTrue(ServedBy.serverId(cluster, connection) != null);
            TimeUnit.SECONDS.sleep(2);
            states.close();
            states.all().forEach((node, seen) -> assertFalse(seen.contains("down"),
                    node + " went down over a query timeout: " + states.all()));
        }
    }

    /**
     * A one-second limit the server itself enforces on {@code SELECT SLEEP(3), 'marker'}, in each family's words, and
     * the global status counter of statements it ended so.
     */
    private record ServerTimeout(String sqlFormat, String exceededCounter) {
        static ServerTimeout of(ServerFamily family) {
            return switch (family) {
                case MARIADB -> new ServerTimeout("SET STATEMENT max_statement_time=1 FOR SELECT SLEEP(3), '%s'",
                        "Max_statement_time_exceeded");
                case MYSQL -> new ServerTimeout("SELECT /*+ MAX_EXECUTION_TIME(1000) */ SLEEP(3), '%s'",
                        "Max_execution_time_exceeded");
            };
        }

        String sql(String marker) {
            return String.format(Locale.ROOT, sqlFormat, marker);
        }
    }

    @Test
    void serverSideStatementTimeout_endsAsOnConnectorJ_andIsNeverRetried() throws Exception {
        ServerTimeout timeout = ServerTimeout.of(cluster.serverVersion().family());
        ClusterNode replica = cluster.replicas().get(0);
        Outcome reference;
        long referenceExceeded;
        try (Connection plain = replica.appConnection(); Statement statement = plain.createStatement()) {
            long before = ServerSessions.status(cluster, timeout.exceededCounter());
            reference = Outcome.of(statement, timeout.sql("limit-reference"));
            referenceExceeded = ServerSessions.status(cluster, timeout.exceededCounter()) - before;
        }
        log.info("Connector/J with {}: {}; timed out: {}", timeout.sql("limit-reference"), reference,
                referenceExceeded);
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s");
             StateWatch states = new StateWatch(dataSource);
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long retriesBefore = retries(dataSource);
            long before = ServerSessions.status(cluster, timeout.exceededCounter());
            Outcome outcome = Outcome.of(statement, timeout.sql("limit"));
            long exceeded = ServerSessions.status(cluster, timeout.exceededCounter()) - before;
            assertSameOutcome(reference, outcome);
            assertTrue(outcome.millis >= 900 && outcome.millis < 2_500, "the timed-out statement: " + outcome);
            assertEquals(referenceExceeded, exceeded, "statements the server timed out; Connector/J " + reference);
            assertEquals(0, retries(dataSource) - retriesBefore, "retries of a timed-out statement");
            states.close();
            states.all().forEach((node, seen) -> assertFalse(seen.contains("down"),
                    node + " went down over a statement timeout: " + states.all()));
        }
    }

    @Test
    void cancelFromAnotherThread_endsTheSleepWithinSeconds_isNeverRetried_andTheConnectionWorksAfterwards()
            throws Exception {
        String marker = "cancel-me-" + System.nanoTime();
        try (Connection plain = cluster.replicas().get(0).appConnection(); Statement statement = plain.createStatement()) {
            log.info("Connector/J, cancel() 1 s into SELECT SLEEP(3): {}", interruptedFromAnotherThread(statement,
                    "cancel-reference-" + System.nanoTime(), Statement::cancel));
        }
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            long retriesBefore = retries(dataSource);
            long started = System.nanoTime();
            Future<Outcome> sleeping = executor.submit(() -> Outcome.of(statement, "SELECT SLEEP(8), '" + marker + "'"));
            Poll.until("the sleep runs on a server", Duration.ofSeconds(5), () -> running(marker) == 1);
            sleepUntil(started + Duration.ofSeconds(1).toNanos());
            long cancelledAt = System.nanoTime();
            statement.cancel();
            Outcome outcome = sleeping.get(10, TimeUnit.SECONDS);
            long afterCancelMillis = (System.nanoTime() - cancelledAt) / 1_000_000;
            long totalMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(afterCancelMillis < 3_000, "ended " + afterCancelMillis + " ms after cancel(): " + outcome);
            assertTrue(totalMillis < 4_000, "ended " + totalMillis + " ms after it began: " + outcome);
            TimeUnit.MILLISECONDS.sleep(300);
            // The cancelled SLEEP(8) has ended; one still running with its marker was sent again.
            assertEquals(0, running(marker), "the cancelled statement was sent again: " + outcome);
            assertEquals(0, retries(dataSource) - retriesBefore, "retries of a cancelled statement");
            try (ResultSet one = statement.executeQuery("SELECT 1")) {
                assertTrue(one.next());
                assertEquals(1, one.getInt(1));
            }
            assertTrue(ServedBy.serverId(cluster, connection) != null);
            try (Statement write = connection.createStatement()) {
                assertEquals(1, write.executeUpdate("UPDATE ryw SET v = v + 1 WHERE id = 1"));
            }
        }
    }

    @Test
    void statementClosedFromAnotherThreadDuringASleep_endsTheSleepWithinSeconds() throws Exception {
        String marker = "close-me-" + System.nanoTime();
        try (Connection plain = cluster.replicas().get(0).appConnection()) {
            log.info("Connector/J, Statement.close() 1 s into SELECT SLEEP(3): {}", interruptedFromAnotherThread(
                    plain.createStatement(), "close-reference-" + System.nanoTime(), Statement::close));
        }
        try (RwSplitDataSource dataSource = dataSource("monitorInterval=1s");
             Connection connection = dataSource.getConnection()) {
            Statement statement = connection.createStatement();
            long started = System.nanoTime();
            Future<Outcome> sleeping = executor.submit(() -> Outcome.of(statement, "SELECT SLEEP(8), '" + marker + "'"));
            Poll.until("the sleep runs on a server", Duration.ofSeconds(5), () -> running(marker) == 1);
            sleepUntil(started + Duration.ofSeconds(1).toNanos());
            Future<?> closing = executor.submit(() -> {
                statement.close();
                return null;
            });
            Outcome outcome = sleeping.get(10, TimeUnit.SECONDS);
            closing.get(10, TimeUnit.SECONDS);
            long totalMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(totalMillis < 4_000, "the sleep ended " + totalMillis + " ms after it began: " + outcome);
            assertTrue(statement.isClosed());
            assertTrue(ServedBy.serverId(cluster, connection) != null, "the connection still works");
        }
    }

    @Test
    void readAfterOwnWrite_replicationStoppedAndPrimaryKilled_failsWith08SayingWhy_neverStale() throws Exception {
        for (ClusterNode replica : cluster.replicas()) {
            try (Connection admin = replica.adminConnection(); Statement statement = admin.createStatement()) {
                statement.execute("STOP REPLICA");
            }
        }
        assertOwnWriteIsNeverReadStale(() -> cluster.primary().kill());
    }

    @Test
    void readAfterOwnWrite_replicasDelayedAndPrimaryFrozen_failsWith08SayingWhy_neverStale() throws Exception {
        for (ClusterNode replica : cluster.replicas()) {
            replica.setReplicationDelay(600);
        }
        assertOwnWriteIsNeverReadStale(() -> cluster.primary().freeze());
    }

    private void assertOwnWriteIsNeverReadStale(Runnable primaryFault) throws Exception {
        try (RwSplitDataSource dataSource = dataSource("readYourWrites=true", "readYourWritesTimeout=500ms",
                "socketTimeout=2000", "pool.connectionTimeout=2s", "monitorInterval=1s");
             Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            assertEquals(1, statement.executeUpdate("UPDATE ryw SET v = 1 WHERE id = 1"));
            primaryFault.run();
            for (int read = 0; read < 3; read++) {
                long started = System.nanoTime();
                try (ResultSet row = statement.executeQuery("SELECT v FROM ryw WHERE id = 1")) {
                    row.next();
                    fail("read " + row.getInt(1) + " although the connection wrote 1 and no reachable node has it");
                } catch (SQLException e) {
                    long tookMillis = (System.nanoTime() - started) / 1_000_000;
                    String what = e.getClass().getName() + " [" + e.getSQLState() + "] " + e.getMessage();
                    assertTrue(e.getSQLState() != null && e.getSQLState().startsWith("08"), what);
                    assertTrue(e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("write"),
                            "the message should say that no replica has the connection's write: " + what);
                    assertTrue(tookMillis < 7_000, "failed after " + tookMillis + " ms: " + what);
                }
            }
        }
    }

    private interface StatementAction {
        void apply(Statement statement) throws SQLException;
    }

    /** What a plain connection does when {@code action} comes from another thread 1 s into a 3 s sleep. */
    private String interruptedFromAnotherThread(Statement statement, String marker, StatementAction action)
            throws Exception {
        long started = System.nanoTime();
        Future<Outcome> sleeping = executor.submit(() -> Outcome.of(statement, "SELECT SLEEP(3), '" + marker + "'"));
        Poll.until("the sleep runs on a server", Duration.ofSeconds(5), () -> running(marker) == 1);
        sleepUntil(started + Duration.ofSeconds(1).toNanos());
        long actedAt = System.nanoTime();
        Future<Long> acting = executor.submit(() -> {
            action.apply(statement);
            return (System.nanoTime() - actedAt) / 1_000_000;
        });
        Outcome outcome = sleeping.get(10, TimeUnit.SECONDS);
        long endedAfter = (System.nanoTime() - actedAt) / 1_000_000;
        return outcome + ", " + endedAfter + " ms after the call, which itself took " + acting.get(10, TimeUnit.SECONDS)
                + " ms";
    }

    private int running(String marker) {
        try {
            return ServerSessions.running(cluster, marker);
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left = nanoTime - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }
}
