package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One borrow of a connection from a node's pool: a new instance per borrow, registered with its node while borrowed,
 * so that the node can count it (leastConnections) and abort it when the monitor finds a replica hung. Once given back
 * or discarded it is inert: an abort that comes late can never reach the next borrower of the same physical session.
 */
public final class PhysicalConnection {
    private final Node node;
    private final PooledSession session;
    /** Guarded by this: ends the borrow, and orders an abort against it. */
    private boolean givenBack;
    private boolean aborted;

    PhysicalConnection(Node node, PooledSession session) {
        this.node = node;
        this.session = session;
    }

    public Node node() {
        return node;
    }

    /** The pool's handle: statements are created on it so that the pool tracks and resets them. */
    public Connection connection() {
        return session.connection();
    }

    /** The Connector/J connection underneath: session settings made here bypass the pool's reset-on-return. */
    public JdbcConnection server() {
        return session.server();
    }

    /** Whether the server reports an open transaction on this session (from the last OK packet; no round trip). */
    public boolean inTransactionOnServer() {
        return session.inTransactionOnServer();
    }

    /** What session state rwsplit last applied to this physical session, kept across borrows; null when none. */
    public Object sessionTag() {
        return node.sessionTag(session.server());
    }

    public void sessionTag(Object tag) {
        node.sessionTag(session.server(), tag);
    }

    /** Whether this session's server gives transactions GTIDs (MariaDB always; MySQL with gtid_mode ON). */
    public boolean serverAssignsGtids() throws SQLException {
        return node.assignsGtids(session.server());
    }

    /**
     * The GTIDs of the transaction this session just committed, empty when the commit wrote nothing or the server
     * assigns none. Where the pool enabled session tracking they come from the OK packet (no round trip); otherwise
     * rwsplit asks for them.
     */
    public GtidSet committedGtids() throws SQLException {
        GtidSet reported = session.reportedGtids();
        if (reported != null) {
            return reported;
        }
        JdbcConnection server = session.server();
        try (Statement statement = server.createStatement();
             ResultSet row = statement.executeQuery(node.flavor(server).lastWrite())) {
            return row.next() ? GtidSet.parse(row.getString(1)) : GtidSet.EMPTY;
        }
    }

    /** Returns the connection to its pool; a connection the monitor aborted is discarded instead. */
    public void giveBack() {
        boolean cut;
        synchronized (this) {
            if (givenBack) {
                return;
            }
            givenBack = true;
            cut = aborted;
        }
        if (cut) {
            node.discard(this, session);
            return;
        }
        node.giveBack(this, session);
    }

    /**
     * Closes the physical session instead of pooling it: for sessions that carry state no one else may inherit
     * (temporary tables, user variables, named locks) or whose state is unknown after a failure.
     */
    public void discard() {
        synchronized (this) {
            if (givenBack) {
                return;
            }
            givenBack = true;
        }
        node.discard(this, session);
    }

    /**
     * Cuts the socket under a thread that may be blocked on it; that thread then sees a connection error. A no-op once
     * this borrow has ended, since the session may already serve someone else.
     */
    public synchronized void abort() {
        if (givenBack) {
            return;
        }
        aborted = true;
        session.abort();
    }

    @Override
    public String toString() {
        return "connection to " + node;
    }
}
