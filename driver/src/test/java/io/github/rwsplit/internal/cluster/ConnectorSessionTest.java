package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.conf.DefaultPropertySet;
import com.mysql.cj.protocol.ServerSession;
import com.mysql.cj.protocol.ServerSessionStateController;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.NativeServerSession;
import com.mysql.cj.protocol.a.NativeServerSessionStateController;
import io.github.rwsplit.internal.LibraryInternals;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Connector/J's session-tracking and status internals behind {@link ConnectorSession}: the types and members it
 * calls, and that Connector/J still decodes an OK packet's session state and status flags the way rwsplit reads them.
 */
class ConnectorSessionTest {
    private final LibraryInternals connectorJ = LibraryInternals.connectorJ("ConnectorSession");

    @Test
    void theSessionInternalsRwsplitReadsAreStillThere() {
        String controller = "com.mysql.cj.protocol.ServerSessionStateController";
        connectorJ.method("com.mysql.cj.jdbc.JdbcConnection", "getServerSessionStateController",
                connectorJ.type(controller));
        connectorJ.method(controller, "getSessionStateChanges",
                connectorJ.type(controller + "$ServerSessionStateChanges"));
        connectorJ.method(controller + "$ServerSessionStateChanges", "getSessionStateChangesList", List.class);
        connectorJ.method(controller + "$SessionStateChange", "getType", int.class);
        connectorJ.method(controller + "$SessionStateChange", "getValues", List.class);
        connectorJ.constant(controller, "SESSION_TRACK_SYSTEM_VARIABLES", 0);
        connectorJ.constant(controller, "SESSION_TRACK_GTIDS", 3);
        connectorJ.method("com.mysql.cj.jdbc.JdbcConnection", "getSession", connectorJ.type("com.mysql.cj.Session"));
        connectorJ.method("com.mysql.cj.Session", "getServerSession", ServerSession.class);
        connectorJ.method("com.mysql.cj.protocol.ServerSession", "inTransactionOnServer", boolean.class);
        connectorJ.method("com.mysql.cj.jdbc.JdbcConnection", "abortInternal", void.class);
    }

    @Test
    void connectorJDecodesAnOwnGtidPayloadIntoTheEntryRwsplitReads() {
        byte[] bytes = ServerOutputs.sessionState("mysql-8.0-own-gtid-implicit-commit.session-state").bytes();
        ServerSessionStateController.ServerSessionStateChanges changes =
                new NativeServerSessionStateController.NativeServerSessionStateChanges()
                        .init(new NativePacketPayload(bytes), "UTF-8");
        assertEquals(2, changes.getSessionStateChangesList().size(),
                connectorJ.says("both tracker entries of the packet are decoded"));
        assertEquals("00000000-1111-0000-1111-000000000000:3-4", ConnectorSession.reportedGtidText(changes),
                connectorJ.says("the GTIDS entry's value is the GTID text, after its encoding byte"));
        assertNull(ConnectorSession.reportedGtidText(null), "no packet tracked yet");
    }

    @Test
    void connectorJStillReadsAnOpenTransactionFromTheStatusFlags() {
        NativeServerSession session = new NativeServerSession(new DefaultPropertySet());
        session.setStatusFlags(NativeServerSession.SERVER_STATUS_IN_TRANS);
        assertTrue(session.inTransactionOnServer(), connectorJ.says("SERVER_STATUS_IN_TRANS means in a transaction"));
        session.setStatusFlags(NativeServerSession.SERVER_STATUS_AUTOCOMMIT);
        assertFalse(session.inTransactionOnServer(), connectorJ.says("autocommit alone is no open transaction"));
    }
}
