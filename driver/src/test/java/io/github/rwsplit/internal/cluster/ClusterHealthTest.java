package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the cluster does with check outcomes and errors in use: whom it takes out, whose connections it cuts. */
class ClusterHealthTest {
    private final StubCluster stubs = StubCluster.of("jdbc:rwsplit:mysql://p,r1,r2/app?downAfter=100ms");
    private final Cluster cluster = stubs.cluster();

    @AfterEach
    void close() {
        stubs.close();
    }

    private static CompletableFuture<String> queryInBackground(PhysicalConnection connection) {
        return CompletableFuture.supplyAsync(() -> {
            try (Statement statement = connection.connection().createStatement();
                 ResultSet row = statement.executeQuery("SELECT 1")) {
                row.next();
                return row.getString(1);
            } catch (SQLException e) {
                return e.getSQLState();
            }
        });
    }

    @Test
    void aConnectionErrorInUseTakesAReplicaOutOfRotationAtOnce() {
        Node replica = stubs.node("r1").node();
        cluster.reportConnectionFailure(replica, StubFailures.communicationsFailure());
        assertEquals(NodeStatus.SUSPECT, replica.health().status());
        assertFalse(List.of(cluster.topology().readers()).contains(replica));
        assertEquals(1, replica.counters().errors());
    }

    @Test
    void aConnectionErrorInUseLeavesThePrimarysStateToItsCheck() {
        Node primary = stubs.primary().node();
        cluster.reportConnectionFailure(primary, StubFailures.communicationsFailure());
        assertEquals(NodeStatus.UP, primary.health().status());
        assertEquals(1, primary.counters().errors());
    }

    @Test
    void aSaturatedBorrowIsNoConnectionFailure() {
        Node replica = stubs.node("r2").node();
        cluster.reportConnectionFailure(replica, StubFailures.saturated(replica));
        assertEquals(NodeStatus.UP, replica.health().status());
        assertEquals(0, replica.counters().errors());
    }

    @Test
    void oneMissedCheckMakesAReplicaSuspectAndAnAnswerBringsItBack() {
        Node replica = stubs.node("r1").node();
        cluster.missed(replica, "no answer within 1000 ms");
        assertEquals(NodeStatus.SUSPECT, replica.health().status());
        assertEquals(1, cluster.topology().readers().length);
        cluster.answered(replica, NodeHealth.up(0));
        assertEquals(NodeStatus.UP, replica.health().status());
        assertEquals(2, cluster.topology().readers().length);
    }

    @Test
    void aSilentPrimaryIsSuspectAndStaysPrimary() {
        Node primary = stubs.primary().node();
        cluster.missed(primary, "no answer within 1000 ms");
        assertEquals(NodeStatus.SUSPECT, primary.health().status());
        assertSame(primary, cluster.primary());
    }

    @Test
    void aPrimarySilentForDownAfterAndThreeChecksIsDown() throws InterruptedException {
        Node primary = stubs.primary().node();
        cluster.missed(primary, "no answer");
        cluster.missed(primary, "no answer");
        Thread.sleep(120);
        cluster.missed(primary, "no answer");
        assertEquals(NodeStatus.DOWN, primary.health().status());
        cluster.answered(primary, NodeHealth.up(-1));
        assertEquals(NodeStatus.UP, primary.health().status());
    }

    @Test
    void aRefusingNodeIsDownAtOnce() {
        Node replica = stubs.node("r2").node();
        cluster.refused(replica, "Connection refused");
        assertEquals(NodeStatus.DOWN, replica.health().status());
        assertEquals("Connection refused", replica.health().detail());
    }

    @Test
    void aMissedCheckAbortsTheReplicasConnectionsInUse() throws Exception {
        stubs.node("r1").stallNext();
        PhysicalConnection connection = stubs.node("r1").node().borrow();
        CompletableFuture<String> read = queryInBackground(connection);
        cluster.missed(connection.node(), "no answer within 1000 ms");
        // Cut while stalled (08S01), or before the query reached the stall, on a connection already cut (08003).
        String state = read.get(5, TimeUnit.SECONDS);
        assertTrue(state.equals("08S01") || state.equals("08003"), state);
        assertEquals(1, stubs.node("r1").aborted());
    }

    @Test
    void theMonitorNeverAbortsThePrimarysConnections() throws Exception {
        CountDownLatch release = stubs.primary().stallNext();
        PhysicalConnection connection = stubs.primary().node().borrow();
        CompletableFuture<String> commitLike = queryInBackground(connection);
        for (int i = 0; i < 4; i++) {
            cluster.missed(connection.node(), "no answer within 1000 ms");
            Thread.sleep(40);
        }
        assertEquals(NodeStatus.DOWN, connection.node().health().status());
        assertThrows(TimeoutException.class, () -> commitLike.get(100, TimeUnit.MILLISECONDS));
        release.countDown();
        assertEquals("p", commitLike.get(5, TimeUnit.SECONDS));
        assertEquals(0, stubs.primary().aborted());
    }

    @Test
    void anAbortAfterTheBorrowEndedLeavesTheNextBorrowerAlone() throws SQLException {
        PhysicalConnection first = stubs.node("r1").node().borrow();
        first.giveBack();
        PhysicalConnection second = stubs.node("r1").node().borrow();
        assertSame(first.server(), second.server());
        first.abort();
        assertEquals(0, stubs.node("r1").aborted());
        assertFalse(second.server().isClosed());
    }

    @Test
    void anAbortedConnectionIsDiscardedNotPooled() throws SQLException {
        PhysicalConnection connection = stubs.node("r2").node().borrow();
        connection.abort();
        connection.giveBack();
        assertEquals(1, stubs.node("r2").discarded());
        assertEquals(0, stubs.node("r2").givenBack());
        assertEquals(0, stubs.node("r2").inUse());
    }

    @Test
    void aBorrowEndsOnce() throws SQLException {
        PhysicalConnection connection = stubs.node("r2").node().borrow();
        connection.giveBack();
        connection.discard();
        connection.giveBack();
        assertEquals(1, stubs.node("r2").givenBack());
        assertEquals(0, stubs.node("r2").discarded());
    }

    @Test
    void aDownReplicaGetsNoReadsAndTheRestStillDo() {
        stubs.node("r1").down();
        assertTrue(cluster.topology().anyReplicaUsable());
        stubs.node("r2").suspect();
        assertFalse(cluster.topology().anyReplicaUsable());
    }
}
