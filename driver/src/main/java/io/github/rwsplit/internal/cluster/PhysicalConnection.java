package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.protocol.ServerSessionStateController;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection borrowed from a node's pool. It is registered with its node while borrowed, so that the node can count
 * it (leastConnections) and abort it when the monitor finds the node hung.
 */
public final class PhysicalConnection {
    private static final Logger log = LoggerFactory.getLogger(PhysicalConnection.class);

    private final Node node;
    private final Connection pooled;
    private final JdbcConnection server;
    private boolean givenBack;

    PhysicalConnection(Node node, Connection pooled, JdbcConnection server) {
        this.node = node;
        this.pooled = pooled;
        this.server = server;
    }

    public Node node() {
        return node;
    }

    /** The pool's handle: statements are created on it so that the pool tracks and resets them. */
    public Connection connection() {
        return pooled;
    }

    /** The Connector/J connection underneath: session settings made here bypass the pool's reset-on-return. */
    public JdbcConnection server() {
        return server;
    }

    /** Whether the server reports an open transaction on this session (from the last OK packet; no round trip). */
    public boolean inTransactionOnServer() {
        return server.getSession().getServerSession().inTransactionOnServer();
    }

    /** What session state rwsplit last applied to this physical session, kept across borrows; null when none. */
    public Object sessionTag() {
        return node.sessionTag(server);
    }

    public void sessionTag(Object tag) {
        node.sessionTag(server, tag);
    }

    /** Whether this session's server gives transactions GTIDs (MariaDB always; MySQL with gtid_mode ON). */
    public boolean serverAssignsGtids() throws SQLException {
        return node.assignsGtids(server);
    }

    /**
     * The GTIDs of the transaction this session just committed, empty when the commit wrote nothing or the server
     * assigns none. Where the pool enabled session tracking they come from the OK packet (no round trip); otherwise
     * rwsplit asks for them.
     */
    public GtidSet committedGtids() throws SQLException {
        if (node.reportsGtidsInOkPackets()) {
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
        try (Statement statement = server.createStatement();
             ResultSet row = statement.executeQuery(node.flavor(server).lastWrite())) {
            return row.next() ? GtidSet.parse(row.getString(1)) : GtidSet.EMPTY;
        }
    }

    /** Returns the connection to its pool. */
    public synchronized void giveBack() {
        if (givenBack) {
            return;
        }
        givenBack = true;
        node.released(this);
        try {
            pooled.close();
        } catch (SQLException e) {
            log.debug("{}: closing a pooled connection failed", node, e);
        }
    }

    /**
     * Closes the physical session instead of pooling it: for sessions that carry state no one else may inherit
     * (temporary tables, user variables, named locks) or whose state is unknown after a failure.
     */
    public synchronized void discard() {
        if (givenBack) {
            return;
        }
        givenBack = true;
        node.released(this);
        node.evict(pooled);
    }

    /** Cuts the socket under a thread that may be blocked on it; that thread then sees a connection error. */
    public void abort() {
        try {
            server.abortInternal();
        } catch (SQLException | RuntimeException e) {
            log.debug("{}: aborting a connection failed", node, e);
        }
    }

    @Override
    public String toString() {
        return "connection to " + node;
    }
}
