package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSessionStateController;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A session of a node's HikariCP pool, read through Connector/J's internals. */
final class ConnectorSession implements PooledSession {
    private static final Logger log = LoggerFactory.getLogger(ConnectorSession.class);

    private final Connection pooled;
    private final JdbcConnection server;
    private final boolean gtidsInOkPackets;

    /** @param gtidsInOkPackets whether the pool made this session report each commit's GTID in the OK packet */
    ConnectorSession(Connection pooled, JdbcConnection server, boolean gtidsInOkPackets) {
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
    public GtidSet reportedGtids() {
        if (!gtidsInOkPackets) {
            return null;
        }
        ServerSessionStateController.ServerSessionStateChanges changes =
                server.getServerSessionStateController().getSessionStateChanges();
        if (changes == null) {
            return GtidSet.EMPTY;
        }
        for (ServerSessionStateController.SessionStateChange change : changes.getSessionStateChangesList()) {
            List<String> values = change.getValues();
            if (change.getType() == ServerSessionStateController.SESSION_TRACK_GTIDS && !values.isEmpty()) {
                return GtidSet.parse(values.get(0));
            }
            if (change.getType() == ServerSessionStateController.SESSION_TRACK_SYSTEM_VARIABLES
                    && values.size() >= 2 && "last_gtid".equalsIgnoreCase(values.get(0))) {
                return GtidSet.parse(values.get(1));
            }
        }
        return GtidSet.EMPTY;
    }

    @Override
    public void abort() {
        try {
            server.abortInternal();
        } catch (SQLException | RuntimeException e) {
            log.debug("aborting a connection failed", e);
        }
    }
}
