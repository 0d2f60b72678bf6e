package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.NativeServerSessionStateController.NativeServerSessionStateChanges;
import io.github.rwsplit.internal.cluster.ServerOutputs.GtidSetCase;
import io.github.rwsplit.internal.cluster.ServerOutputs.SessionStatePayload;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * rwsplit's parsing against output recorded from real servers (MySQL 8.0, 8.4 and 9.x; MariaDB): GTID sets tagged and
 * untagged, replication status rows in both column families, and OK-packet session-state payloads decoded by
 * Connector/J itself. Each resource under {@code server-output/} names its source.
 */
class RecordedServerOutputTest {

    @Test
    void everyRecordedGtidSetParsesAndIsWrittenBackAsTheServerWouldReadIt() {
        List<GtidSetCase> cases = ServerOutputs.gtidSets();
        assertTrue(cases.size() >= 15, "recorded sets: " + cases.size());
        for (GtidSetCase recorded : cases) {
            if (recorded.written() == null) {
                assertThrows(IllegalArgumentException.class, () -> GtidSet.parse(recorded.serverText()),
                        recorded.serverText());
                continue;
            }
            GtidSet set = GtidSet.parse(recorded.serverText());
            assertEquals(recorded.written(), set.toString(), recorded.serverText());
            assertEquals(set, GtidSet.parse(set.toString()), "written back, it reads as the same set");
        }
    }

    @Test
    void aReplicaThatPrintedAnExecutedSetHasAppliedTheWritesInIt() {
        GtidSet executed = GtidSet.parse(
                ServerOutputs.verticalRow("show-replica-status-mysql-9.5.txt").get("Executed_Gtid_Set"));
        assertTrue(executed.includes(GtidSet.parse("73f86016-978b-11ee-ade5-8d2a2a562feb:3")));
        assertFalse(executed.includes(GtidSet.parse("73f86016-978b-11ee-ade5-8d2a2a562feb:4")));
        assertFalse(executed.includes(GtidSet.parse("73f86016-978b-11ee-ade5-8d2a2a562feb:tag:1")));
    }

    @Test
    void healthyReplicaRowsOfMySql80To95ReadAsRunningAndCaughtUp() {
        for (String resource : List.of("show-slave-status-mysql-8.0.txt", "show-replica-status-mysql-8.4.txt",
                "show-replica-status-mysql-9.5.txt")) {
            Map<String, String> row = ServerOutputs.verticalRow(resource);
            assertTrue(row.size() >= 50, resource + " has " + row.size() + " columns");
            ReplicaStatus status = ReplicaStatus.of(row);
            assertTrue(status.ioThreadRunning(), resource);
            assertTrue(status.sqlThreadRunning(), resource);
            assertEquals(0L, status.secondsBehind(), resource);
            assertEquals("", status.lastIoError(), resource);
            assertEquals("", status.lastSqlError(), resource);
        }
    }

    @Test
    void aStoppedApplierReadsAsNotRunningWithItsErrorAndAnUnknownLag() {
        for (String resource : List.of("show-slave-status-mysql-8.0.txt", "show-replica-status-mysql-9.5.txt")) {
            boolean legacy = resource.contains("slave");
            // What the server prints once the applier stops on an error (9.5 manual: NULL while it does not run).
            Map<String, String> row = new HashMap<>(ServerOutputs.verticalRow(resource));
            row.put(legacy ? "Slave_SQL_Running" : "Replica_SQL_Running", "No");
            row.put(legacy ? "Seconds_Behind_Master" : "Seconds_Behind_Source", null);
            row.put("Last_SQL_Errno", "1062");
            row.put("Last_SQL_Error", "Error 'Duplicate entry '1' for key 't1.PRIMARY'' on query.");
            ReplicaStatus status = ReplicaStatus.of(row);
            assertFalse(status.sqlThreadRunning(), resource);
            assertTrue(status.ioThreadRunning(), resource);
            assertNull(status.secondsBehind(), resource);
            assertTrue(status.lastSqlError().startsWith("Error 'Duplicate entry"), resource);
        }
    }

    @Test
    void aReceiverStillConnectingIsNotRunning() {
        Map<String, String> row = new HashMap<>(ServerOutputs.verticalRow("show-replica-status-mysql-8.4.txt"));
        row.put("Replica_IO_Running", "Connecting");
        row.put("Last_IO_Error", "Error connecting to source 'repl@db1:3306'. This was attempt 3/10, with a delay of"
                + " 1 seconds between attempts. Message: Can't connect to MySQL server on 'db1:3306' (111)");
        ReplicaStatus status = ReplicaStatus.of(row);
        assertFalse(status.ioThreadRunning());
        assertEquals("Connecting", status.ioRunning());
        assertTrue(status.lastIoError().startsWith("Error connecting to source"));
    }

    @Test
    void aLagThatIsNotANumberIsAnUnknownLagRatherThanAnError() {
        Map<String, String> row = new HashMap<>(ServerOutputs.verticalRow("show-replica-status-mysql-9.5.txt"));
        row.put("Seconds_Behind_Source", "n/a");
        assertNull(ReplicaStatus.of(row).secondsBehind());
    }

    @Test
    void sessionStatePayloadsDecodeToTheGtidsTheServerReported() {
        for (String resource : List.of("mysql-8.0-own-gtid.session-state",
                "mysql-8.0-own-gtid-implicit-commit.session-state", "mysql-8.0-all-gtids.session-state",
                "mysql-8.0-transaction-state-only.session-state", "mysql-9.x-own-gtid-tagged.session-state",
                "mariadb-last-gtid.session-state", "mariadb-other-variable.session-state")) {
            SessionStatePayload payload = ServerOutputs.sessionState(resource);
            NativeServerSessionStateChanges changes = new NativeServerSessionStateChanges()
                    .init(new NativePacketPayload(payload.bytes()), "UTF-8");
            String reported = ConnectorSession.reportedGtidText(changes);
            if (payload.expectedGtids() == null) {
                assertNull(reported, resource);
            } else {
                assertEquals(payload.expectedGtids(), GtidSet.parse(reported).toString(), resource);
            }
        }
    }

    @Test
    void serverVersionsAsTheServersReportThemTellMySqlFromMariaDb() throws SQLException {
        // VERSION() as MySQL 8.0, 8.4 and 9.x report it, and as MariaDB does with and without the 5.5.5- prefix older
        // MariaDB servers put in their handshake.
        for (String mysql : List.of("8.0.40", "8.4.3", "9.1.0")) {
            assertEquals(ServerFlavor.MYSQL, ServerFlavor.of(reporting(mysql)), mysql);
        }
        for (String mariadb : List.of("10.11.5-MariaDB-log", "5.5.5-10.11.5-MariaDB-log", "11.4.5-MariaDB",
                "11.4.5-MariaDB-ubu2404")) {
            assertEquals(ServerFlavor.MARIADB, ServerFlavor.of(reporting(mariadb)), mariadb);
        }
    }

    @Test
    void eachFlavorWaitsWithItsOwnFunctionAndAnswersZeroWhenCaughtUp() {
        assertEquals("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)", ServerFlavor.MYSQL.waitForPosition());
        assertEquals("SELECT MASTER_GTID_WAIT(?, ?)", ServerFlavor.MARIADB.waitForPosition());
        assertEquals("SET SESSION session_track_gtids = OWN_GTID", ServerFlavor.MYSQL.enableTracking());
        assertEquals("SELECT @@global.gtid_executed", ServerFlavor.MYSQL.appliedPosition());
    }

    private static Connection reporting(String version) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(
                RecordedServerOutputTest.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
                (proxy, method, args) -> method.getName().equals("getDatabaseProductVersion") ? version : null);
        return (Connection) Proxy.newProxyInstance(RecordedServerOutputTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) -> method.getName().equals("getMetaData") ? metaData : null);
    }
}
