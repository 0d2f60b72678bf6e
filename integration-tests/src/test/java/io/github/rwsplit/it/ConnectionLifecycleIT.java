package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A session change the server refused never travels with a pooled connection to another logical connection, and
 * close() and abort() may be called in any order, twice, and from two threads at once, without leaking a session.
 */
@WithReplicationCluster
class ConnectionLifecycleIT {
    private static final int POOL_SIZE = 2;

    private final ReplicationCluster cluster;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    ConnectionLifecycleIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS lifecycle (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
    }

    /** An rwsplit URL without a database, small pools so that a spoiled connection would be borrowed again soon. */
    private String urlWithoutDatabase(String... options) {
        List<String> parameters = new ArrayList<>(List.of(options));
        parameters.add("pool.maximumPoolSize=" + POOL_SIZE);
        parameters.add("clusterLinger=0");
        parameters.add("user=" + cluster.appUser());
        parameters.add("password=" + cluster.appPassword());
        return "jdbc:rwsplit:mysql://" + cluster.hostList() + "/?" + String.join("&", parameters);
    }

    /** {@code @@time_zone} of a fresh session that never ran a SET. */
    private String defaultTimeZone() throws SQLException {
        try (Connection plain = cluster.primary().appConnection(); Statement statement = plain.createStatement();
             ResultSet zone = statement.executeQuery("SELECT @@time_zone")) {
            zone.next();
            return zone.getString(1);
        }
    }

    @Test
    void setCatalogToAMissingDatabase_failsWithTheServersError_andNoLaterConnectionInheritsIt() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(urlWithoutDatabase())) {
            try (Connection connection = dataSource.getConnection()) {
                // The change may be applied at once or before the next statement; either way the server's error shows.
                SQLException refused;
                try {
                    connection.setCatalog("no_such_db");
                    try (Statement statement = connection.createStatement()) {
                        statement.executeQuery("SELECT 1").close();
                    }
                    throw new AssertionError("USE no_such_db succeeded");
                } catch (SQLException e) {
                    refused = e;
                }
                assertTrue(refused.getErrorCode() == 1049 || refused.getErrorCode() == 1044,
                        "not the server's unknown-database or access-denied error: [" + refused.getErrorCode() + "] "
                                + refused.getMessage());
                assertTrue(refused.getMessage().contains("no_such_db"), refused.getMessage());
            }
            assertFreshConnectionsAreClean(dataSource, null, defaultTimeZone());
        }
    }

    @Test
    void setOfAnUnknownTimeZone_failsAndNeitherThisNorAnyLaterConnectionKeepsIt() throws SQLException {
        String defaultZone = defaultTimeZone();
        try (RwSplitDataSource dataSource = new RwSplitDataSource(urlWithoutDatabase())) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                SQLException refused = null;
                try {
                    statement.execute("SET time_zone = 'Nope/Nowhere'");
                    statement.executeQuery("SELECT 1").close();
                } catch (SQLException e) {
                    refused = e;
                }
                assertNotNull(refused, "SET time_zone = 'Nope/Nowhere' succeeded");
                assertEquals(1298, refused.getErrorCode(), refused.getMessage());
                for (int i = 0; i < 6; i++) {
                    try (ResultSet zone = statement.executeQuery("SELECT @@time_zone")) {
                        zone.next();
                        assertEquals(defaultZone, zone.getString(1), "the refused SET stayed with its connection");
                    }
                }
            }
            assertFreshConnectionsAreClean(dataSource, null, defaultZone);
        }
    }

    /** 20 reads and writes on a fresh logical connection: no error, and the default database and time zone. */
    private void assertFreshConnectionsAreClean(RwSplitDataSource dataSource, String database, String timeZone)
            throws SQLException {
        for (int round = 0; round < 2; round++) {
            try (Connection fresh = dataSource.getConnection(); Statement statement = fresh.createStatement()) {
                for (int i = 0; i < 10; i++) {
                    if (i % 3 == 2) {
                        assertEquals(1, statement.executeUpdate("INSERT INTO " + cluster.database()
                                + ".lifecycle (v) VALUES (" + i + ")"));
                        continue;
                    }
                    String sql = "SELECT DATABASE(), @@time_zone, @@server_id" + (i % 3 == 1 ? " FOR UPDATE" : "");
                    try (ResultSet row = statement.executeQuery(sql)) {
                        row.next();
                        String where = cluster.nodeByServerId(row.getLong(3)).name();
                        assertEquals(database, row.getString(1), "database on " + where);
                        assertEquals(timeZone, row.getString(2), "time zone on " + where);
                    }
                }
            }
        }
    }

    @Test
    void closeAndAbortRacing200Times_leakNoSessionAndTheClusterStillWorks() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(2);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=close-race",
                "pool.maximumPoolSize=" + POOL_SIZE))) {
            try (Connection warmUp = dataSource.getConnection()) {
                ServedBy.spread(cluster, warmUp, 10);
                ServedBy.query(cluster, warmUp, "SELECT @@server_id FOR UPDATE");
            }
            Poll.until("every node's pool holds " + POOL_SIZE + " connections", Duration.ofSeconds(30),
                    () -> dataSource.getClusterStats().nodes().stream()
                            .allMatch(node -> node.borrowed() + node.idle() == POOL_SIZE));
            Map<ClusterNode, Integer> baseline = settledSessions(null);
            for (int i = 0; i < 200; i++) {
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                if (i % 4 == 0) {
                    connection.setAutoCommit(false);
                }
                ResultSet rows = statement.executeQuery(i % 4 == 0 ? "SELECT @@server_id FOR UPDATE"
                        : "SELECT 1 UNION ALL SELECT 2");
                rows.next();
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> closing = racers.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    connection.close();
                    return null;
                });
                Future<?> aborting = racers.submit(() -> {
                    together.await(5, TimeUnit.SECONDS);
                    connection.abort(executor);
                    return null;
                });
                for (Future<?> call : List.of(closing, aborting)) {
                    try {
                        call.get(10, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        failures.add(e.getCause());
                    }
                }
                assertTrue(connection.isClosed(), "iteration " + i);
            }
            assertEquals(List.of(), failures, "close() and abort() racing threw");
            try (Connection after = dataSource.getConnection(); Statement statement = after.createStatement()) {
                assertTrue(ServedBy.spread(cluster, after, 6).keySet().stream().allMatch(ClusterNode::isReplica));
                assertEquals(1, statement.executeUpdate("INSERT INTO lifecycle (v) VALUES (1)"));
            }
            Poll.until("no physical connection stays borrowed", Duration.ofSeconds(10),
                    () -> dataSource.getClusterStats().nodes().stream().allMatch(node -> node.borrowed() == 0));
            assertEquals(baseline, settledSessions(baseline), "application sessions per node");
        } finally {
            racers.shutdownNow();
        }
    }

    /** Application-user sessions per node once they stop changing (or equal {@code expected}, when given). */
    private Map<ClusterNode, Integer> settledSessions(Map<ClusterNode, Integer> expected) {
        AtomicReference<Map<ClusterNode, Integer>> last = new AtomicReference<>();
        try {
            Poll.until("server sessions settle", Duration.ofSeconds(30), () -> {
                try {
                    Map<ClusterNode, Integer> now = ServerSessions.of(cluster, cluster.appUser());
                    boolean settled = expected == null ? now.equals(last.get()) : now.equals(expected);
                    last.set(now);
                    return settled;
                } catch (SQLException e) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            // The assertion that follows shows the last count against the expected one.
        }
        return last.get();
    }

    @Test
    void closeTwiceAndAbortAfterClose_areHarmless() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl())) {
            Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT 1");
            rows.next();
            connection.close();
            connection.close();
            connection.abort(executor);
            statement.close();
            statement.close();
            rows.close();
            assertTrue(connection.isClosed());

            Connection aborted = dataSource.getConnection();
            ServedBy.serverId(cluster, aborted);
            aborted.abort(executor);
            aborted.abort(executor);
            aborted.close();
            assertTrue(aborted.isClosed());

            try (Connection after = dataSource.getConnection()) {
                assertTrue(ServedBy.serverId(cluster, after).isReplica());
            }
        }
    }

    @Test
    void abortDuringALongSleep_failsTheSleepingCallWithin3s() throws Exception {
        String marker = "abort-me-" + System.nanoTime();
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl())) {
            Connection connection = dataSource.getConnection();
            Statement statement = connection.createStatement();
            Future<Object> sleeping = executor.submit(() -> {
                try (ResultSet row = statement.executeQuery("SELECT SLEEP(5), '" + marker + "'")) {
                    row.next();
                    return row.getObject(1);
                } catch (SQLException e) {
                    return e;
                }
            });
            Poll.until("the sleep runs on a server", Duration.ofSeconds(5), () -> {
                try {
                    return ServerSessions.running(cluster, marker) == 1;
                } catch (SQLException e) {
                    return false;
                }
            });
            long abortedAt = System.nanoTime();
            connection.abort(executor);
            Object outcome = sleeping.get(10, TimeUnit.SECONDS);
            long tookMillis = (System.nanoTime() - abortedAt) / 1_000_000;
            assertTrue(outcome instanceof SQLException, "the aborted sleep returned " + outcome);
            assertTrue(tookMillis < 3_000, "the sleeping call ended " + tookMillis + " ms after abort(): " + outcome);
            assertTrue(connection.isClosed());
            try (Connection after = dataSource.getConnection()) {
                assertTrue(ServedBy.serverId(cluster, after).isReplica());
            }
        }
    }
}
