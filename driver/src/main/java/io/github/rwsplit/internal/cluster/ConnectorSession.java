package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSessionStateController;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A borrowed session of a node's HikariCP pool, read through Connector/J's internals: the server's session tracking
 * ({@code ServerSessionStateController}) and status flags ({@code Session}, {@code ServerSession}). This class is their
 * one user, so a Connector/J release that changes them breaks this class and its test, nothing else.
 */
final class ConnectorSession extends PhysicalConnection {
    private static final Logger log = LoggerFactory.getLogger(ConnectorSession.class);

    private final Connection pooled;
    private final JdbcConnection server;
    private final boolean gtidsInOkPackets;

    /** @param gtidsInOkPackets whether the pool made this session report each commit's GTID in the OK packet */
    ConnectorSession(Node node, Connection pooled, JdbcConnection server, boolean gtidsInOkPackets) {
        super(node);
        this.pooled = pooled;
        this.server = server;
        this.gtidsInOkPackets = gtidsInOkPackets;
    }

    @Override
    public Connection connection() {
        return pooled;
    }

    @Override
    public JdbcConnection server() {
        return server;
    }

    @Override
    public boolean inTransactionOnServer() {
        return server.getSession().getServerSession().inTransactionOnServer();
    }

    @Override
    GtidSet reportedGtids() {
        if (!gtidsInOkPackets) {
            return null;
        }
        String reported = reportedGtidText(server.getServerSessionStateController().getSessionStateChanges());
        return reported == null ? GtidSet.EMPTY : GtidSet.parse(reported);
    }

    /**
     * The GTIDs in a tracked OK packet, as the server wrote them: MySQL's {@code session_track_gtids=OWN_GTID} entry, or
     * MariaDB's tracked {@code last_gtid} variable; null when the packet has neither.
     */
    static String reportedGtidText(ServerSessionStateController.ServerSessionStateChanges changes) {
        if (changes == null) {
            return null;
        }
        for (ServerSessionStateController.SessionStateChange change : changes.getSessionStateChangesList()) {
            List<String> values = change.getValues();
            if (change.getType() == ServerSessionStateController.SESSION_TRACK_GTIDS && !values.isEmpty()) {
                return values.get(0);
            }
            if (change.getType() == ServerSessionStateController.SESSION_TRACK_SYSTEM_VARIABLES
                    && values.size() >= 2 && "last_gtid".equalsIgnoreCase(values.get(0))) {
                return values.get(1);
            }
        }
        return null;
    }

    @Override
    void abortSession() {
        try {
            server.abortInternal();
        } catch (SQLException | RuntimeException e) {
            log.debug("aborting a connection failed", e);
        }
    }
}
