package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithReplicationCluster
class NodeFaultsIT {

    private static final int READ_ONLY_REFUSAL = 1290;

    private final ReplicationCluster cluster;
    private final ClusterNode primary;
    private final ClusterNode replica1;
    private final ClusterNode replica2;

    NodeFaultsIT(ReplicationCluster cluster) {
        this.cluster = cluster;
        this.primary = cluster.primary();
        this.replica1 = cluster.replicas().get(0);
        this.replica2 = cluster.replicas().get(1);
    }

    @BeforeEach
    void createMarks() throws SQLException {
        Marks.create(cluster);
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    @Test
    void killedReplicaRefusesConnections() {
        replica1.kill();

        assertFalse(replica1.isRunning());
        SQLException refused = assertThrows(SQLException.class, replica1::appConnection);
        assertTrue(refused.getSQLState().startsWith("08"), refused.getSQLState() + " " + refused.getMessage());
    }

    @Test
    void restartedReplicaAcceptsConnectionsAndCatchesUpOnWhatItMissed() throws SQLException {
        replica1.kill();
        Marks.write(primary, 1);

        replica1.restart();

        assertTrue(replica1.isRunning());
        assertTrue(replica1.awaitGtidPosition(primary.gtidPosition(), Marks.SYNC));
        assertTrue(Marks.exists(replica1, 1));
        Marks.write(primary, 2);
        cluster.awaitReplication(Marks.SYNC);
        assertTrue(Marks.exists(replica1, 2));
    }

    @Test
    void restartedPrimaryTakesWritesThatReachTheReplicas() throws SQLException {
        primary.kill();
        assertThrows(SQLException.class, primary::appConnection);

        primary.restart();
        Marks.write(primary, 1);

        cluster.awaitReplication(Marks.SYNC);
        for (ClusterNode replica : cluster.replicas()) {
            assertTrue(Marks.exists(replica, 1), replica.name());
        }
    }

    @Test
    void frozenReplicaTimesQueriesOutWhileItsProcessLives() throws SQLException {
        Properties shortTimeout = appProperties();
        shortTimeout.setProperty("socketTimeout", "1000");
        try (Connection connection = DriverManager.getConnection(replica1.jdbcUrl(), shortTimeout)) {
            replica1.freeze();

            long started = System.nanoTime();
            SQLException timedOut = assertThrows(SQLException.class, () -> selectOne(connection));

            assertTrue(millisSince(started) >= 900, "answered after " + millisSince(started) + " ms");
            assertTrue(timedOut.getSQLState().startsWith("08"), timedOut.getSQLState() + " " + timedOut.getMessage());
            assertTrue(replica1.isRunning());
            assertTrue(replica1.isFrozen());
        }
    }

    @Test
    void connectingToAFrozenReplicaFailsWithinTheSocketTimeout() {
        Properties shortTimeout = appProperties();
        shortTimeout.setProperty("connectTimeout", "1000");
        shortTimeout.setProperty("socketTimeout", "1000");
        replica1.freeze();

        long started = System.nanoTime();
        SQLException failed = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(replica1.jdbcUrl(), shortTimeout).close());

        // The kernel accepts the connection for the stopped process; the greeting never comes.
        assertTrue(millisSince(started) >= 900, "failed after " + millisSince(started) + " ms");
        assertTrue(failed.getSQLState().startsWith("08"), failed.getSQLState() + " " + failed.getMessage());
    }

    @Test
    void nodeConnectionsGiveUpOnAFrozenServerInsteadOfHanging() throws SQLException {
        try (Connection app = replica1.appConnection(); Connection admin = replica1.adminConnection()) {
            assertTrue(app.getNetworkTimeout() > 0);
            assertTrue(admin.getNetworkTimeout() > 0);
        }
    }

    @Test
    void thawedReplicaAnswersAgain() throws SQLException {
        replica1.freeze();

        replica1.thaw();

        assertFalse(replica1.isFrozen());
        try (Connection connection = replica1.appConnection()) {
            assertEquals(1, selectOne(connection));
        }
    }

    @Test
    void stoppedSqlThreadHoldsNewRowsBackUntilItStartsAgain() throws SQLException {
        replica1.stopReplicaSqlThread();
        Marks.write(primary, 1);
        String position = primary.gtidPosition();

        assertFalse(replica1.awaitGtidPosition(position, Duration.ofMillis(1500)), "applied while stopped");
        assertFalse(Marks.exists(replica1, 1));
        assertTrue(replica2.awaitGtidPosition(position, Marks.SYNC), "the other replica is not held back");

        replica1.startReplicaSqlThread();

        assertTrue(replica1.awaitGtidPosition(position, Marks.SYNC));
        assertTrue(Marks.exists(replica1, 1));
    }

    @Test
    void replicationDelayHoldsRowsBackForAboutTheDelay() throws SQLException {
        replica1.setReplicationDelay(4);
        long written = System.nanoTime();
        Marks.write(primary, 1);
        String delayed = primary.gtidPosition();

        assertTrue(replica1.awaitGtidPosition(delayed, Marks.SYNC));
        // The delay counts from the event's timestamp, in whole seconds, corrected by the replica's clock difference
        // to the primary, also in whole seconds and -1 when the replica's coarse clock has not yet ticked over: up to
        // two of the four seconds can go, never more.
        assertTrue(millisSince(written) >= 2000, "applied after " + millisSince(written) + " ms");

        replica1.setReplicationDelay(0);
        long rewritten = System.nanoTime();
        Marks.write(primary, 2);

        assertTrue(replica1.awaitGtidPosition(primary.gtidPosition(), Marks.SYNC));
        assertTrue(millisSince(rewritten) < 2000, "applied after " + millisSince(rewritten) + " ms");
    }

    @Test
    void readOnlyRefusesApplicationWritesUntilTurnedOff() throws SQLException {
        primary.setReadOnly(true);

        SQLException refused = assertThrows(SQLException.class, () -> Marks.write(primary, 1));
        assertEquals(READ_ONLY_REFUSAL, refused.getErrorCode(), refused.getMessage());

        primary.setReadOnly(false);

        Marks.write(primary, 1);
        assertTrue(Marks.exists(primary, 1));
    }

    @Test
    void resetHealsEveryFaultAndEmptiesTheSchema() throws SQLException {
        Marks.write(primary, 1);
        cluster.awaitReplication(Marks.SYNC);
        Connection forgotten = primary.appConnection();
        forgotten.setAutoCommit(false);
        Marks.write(forgotten, 2); // holds row and metadata locks on marks until its session ends
        replica2.setReplicationDelay(30);
        replica2.stopReplicaSqlThread();
        replica2.freeze();
        replica1.kill();
        primary.setReadOnly(true);

        cluster.reset();

        for (ClusterNode node : cluster.nodes()) {
            assertTrue(node.isRunning(), node.name());
            assertFalse(node.isFrozen(), node.name());
            try (Connection connection = node.adminConnection();
                    Statement statement = connection.createStatement()) {
                try (ResultSet tables = statement.executeQuery(
                        "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'rwsplit_test'")) {
                    tables.next();
                    assertEquals(0, tables.getInt(1), "tables left on " + node.name());
                }
                try (ResultSet readOnly = statement.executeQuery("SELECT @@GLOBAL.read_only")) {
                    readOnly.next();
                    assertEquals(node.isReplica(), readOnly.getBoolean(1), "read_only of " + node.name());
                }
            }
        }
        assertTrue(forgotten.isClosed() || !forgotten.isValid(2), "the forgotten session was ended");
        Marks.create(cluster);
        long written = System.nanoTime();
        Marks.write(primary, 3);
        cluster.awaitReplication(Marks.SYNC);
        assertTrue(millisSince(written) < 5000, "replicated after " + millisSince(written) + " ms");
        for (ClusterNode replica : cluster.replicas()) {
            assertTrue(Marks.exists(replica, 3), replica.name());
            assertFalse(Marks.exists(replica, 1), replica.name());
        }
        forgotten.close();
    }

    private Properties appProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", cluster.appUser());
        properties.setProperty("password", cluster.appPassword());
        return properties;
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet one = statement.executeQuery("SELECT 1")) {
            one.next();
            return one.getInt(1);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
