package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Read-your-writes on MySQL against in-memory nodes: GTIDs in MySQL's notation (tagged ones of 8.3+ included), the wait
 * with {@code WAIT_FOR_EXECUTED_GTID_SET}, a replica that refuses that wait, and {@code gtid_mode=OFF}.
 */
class MySqlReadYourWritesTest extends StubRoutingTest {
    private static final String UUID = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    MySqlReadYourWritesTest() {
        super("jdbc:rwsplit:mysql://p,r1,r2/app");
    }

    @Test
    void afterATaggedWriteAReadGoesToAReplicaThatHasAppliedIt() throws SQLException {
        stubs.mysql(UUID + ":batch_1");
        routed.run("INSERT INTO t VALUES (1)");
        assertEquals(UUID + ":batch_1:1", stubs.lastGtid());
        stubs.node("r1").applied(UUID + ":1-40:batch_1:1");
        stubs.node("r2").applied(UUID + ":1-40").waitResult(1);
        for (int i = 0; i < 3; i++) {
            assertEquals("r1", routed.run("SELECT 1"));
        }
        assertTrue(stubs.node("r2").prepared().isEmpty(), "a replica known to have the write needs no wait");
    }

    @Test
    void theUntaggedTransactionsOfTheSameServerDoNotCoverATaggedWrite() throws SQLException {
        stubs.mysql(UUID + ":batch_1");
        routed.run("INSERT INTO t VALUES (1)");
        stubs.node("r1").applied(UUID + ":1-40").waitResult(1);
        stubs.node("r2").applied(UUID + ":1-40").waitResult(1);
        assertEquals("p", routed.run("SELECT 1"));
    }

    @Test
    void aReplicaBehindIsAskedToWaitWithMySqlsFunction() throws SQLException {
        stubs.mysql(UUID);
        routed.run("INSERT INTO t VALUES (1)");
        String servedBy = routed.run("SELECT 1");
        assertTrue(servedBy.startsWith("r"), servedBy);
        assertEquals("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)", stubs.node(servedBy).prepared().get(0));
    }

    @Test
    void aTaggedPositionHandedOverIsWaitedForAndHandedOnInMySqlsNotation() throws SQLException {
        stubs.mysql(UUID);
        routed.session().readAfter(UUID + ":7:Batch_1:1-3");
        assertEquals(UUID + ":1-7:batch_1:1-3", routed.session().lastWritePosition());
        stubs.node("r1").applied(UUID + ":1-7:batch_1:1-3");
        stubs.node("r2").applied(UUID + ":1-7").waitResult(1);
        assertEquals("r1", routed.run("SELECT 1"));
    }

    @Test
    void aPositionThatIsNoGtidSetIsRefusedWithTheStateOfAnInvalidArgument() {
        stubs.mysql(UUID);
        SQLException refused = assertThrows(SQLException.class,
                () -> routed.session().readAfter(UUID + ":1-x"));
        assertEquals("22023", refused.getSQLState());
        assertNull(routed.session().lastWritePosition());
    }

    @Test
    void aReplicaThatRefusesTheWaitLeavesTheReadToThePrimaryWithoutAnError() throws SQLException {
        stubs.mysql(UUID + ":batch_1");
        routed.run("INSERT INTO t VALUES (1)");
        // What an 8.0 replica answers to a tagged GTID set.
        stubs.node("r1").failAlways(() -> new SQLException("Malformed GTID set specification '" + UUID
                + ":batch_1:1'.", "HY000", 1772));
        stubs.node("r2").failAlways(() -> new SQLException("Malformed GTID set specification '" + UUID
                + ":batch_1:1'.", "HY000", 1772));
        assertEquals("p", routed.run("SELECT 1"));
        assertEquals(0, stubs.node("r1").discarded() + stubs.node("r2").discarded(),
                "a refused wait leaves the connection usable");
    }

    @Test
    void withGtidModeOffReadsAfterAWriteGoToThePrimaryForMaxReplicationLag() throws Exception {
        reconnect("jdbc:rwsplit:mysql://p,r1,r2/app?maxReplicationLag=400ms");
        stubs.mysqlWithoutGtids();
        routed.run("INSERT INTO t VALUES (1)");
        assertNull(stubs.lastGtid(), "the server assigned no GTID");
        assertEquals("p", routed.run("SELECT 1"));
        assertEquals("p", routed.run("SELECT 1"));
        Thread.sleep(600);
        assertFalse(routed.run("SELECT 1").equals("p"), "once maxReplicationLag has passed, replicas serve again");
    }
}
