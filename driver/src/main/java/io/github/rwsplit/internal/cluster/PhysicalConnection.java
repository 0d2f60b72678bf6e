package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import io.github.rwsplit.internal.LinkedMembers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One borrow of a connection from a node's pool, and the lease on it: a new instance per borrow, registered with its
 * node while borrowed, so that the node can count it (leastConnections) and abort it when the monitor finds a replica
 * hung. Everything that still needs the connection holds it (an open result set, a statement's pending results, a
 * transaction or session pin); it goes back to its pool when the last holder lets go, so a result set stays readable
 * whatever the logical connection does next. Once given back or discarded it is inert: an abort that comes late can
 * never reach the next borrower of the same physical session.
 */
public final class PhysicalConnection implements LinkedMembers.Member<PhysicalConnection> {
    private final Node node;
    private final PooledSession session;
    /** Guarded by this: who still needs the connection, whether the borrow ended, and an abort ordered against it. */
    private int holders;
    private boolean givenBack;
    private boolean aborted;
    /** Links of the node's list of borrowed connections, guarded by that list. */
    private PhysicalConnection previousBorrowed;
    private PhysicalConnection nextBorrowed;

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

    /** One more holder: the connection stays borrowed until each holder has released it. */
    public synchronized PhysicalConnection hold() {
        holders++;
        return this;
    }

    /** A holder lets go; the last one gives the connection back to its pool. */
    public void release() {
        synchronized (this) {
            if (--holders > 0) {
                return;
            }
        }
        giveBack();
    }

    /** Whether the borrow ended: given back or discarded. */
    public synchronized boolean ended() {
        return givenBack;
    }

    /** Returns the connection to its pool whoever still holds it; a connection the monitor aborted is discarded. */
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
     * Ends the borrow at once, whoever still holds it, and closes the physical session instead of pooling it: for
     * sessions that carry state no one else may inherit (temporary tables, user variables, named locks) or whose state
     * is unknown after a failure.
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
    public PhysicalConnection previousMember() {
        return previousBorrowed;
    }

    @Override
    public void previousMember(PhysicalConnection connection) {
        previousBorrowed = connection;
    }

    @Override
    public PhysicalConnection nextMember() {
        return nextBorrowed;
    }

    @Override
    public void nextMember(PhysicalConnection connection) {
        nextBorrowed = connection;
    }

    @Override
    public String toString() {
        return "connection to " + node;
    }
}
