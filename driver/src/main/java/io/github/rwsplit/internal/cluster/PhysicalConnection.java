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
 *
 * <p>A subclass per kind of pool reads what rwsplit needs beyond JDBC: what the server said in its last OK packet, and
 * how to cut the session from another thread. Connector/J answers these in production ({@link ConnectorSession}); a
 * test fake answers them from a script. The borrow is that object itself, not a wrapper around one: a statement
 * borrows once, so one object less per borrow is one object less per statement.
 */
public abstract class PhysicalConnection implements LinkedMembers.Member<PhysicalConnection> {
    private final Node node;
    /** Guarded by this: who still needs the connection, whether the borrow ended, and an abort ordered against it. */
    private int holders;
    private boolean givenBack;
    private boolean aborted;
    /** Links of the node's list of borrowed connections, guarded by that list. */
    private PhysicalConnection previousBorrowed;
    private PhysicalConnection nextBorrowed;

    PhysicalConnection(Node node) {
        this.node = node;
    }

    public Node node() {
        return node;
    }

    /** The pool's handle: statements are created on it so that the pool tracks and resets them. */
    public abstract Connection connection();

    /**
     * The Connector/J connection underneath. Session settings made here bypass the pool's reset-on-return, and it
     * identifies the physical session across borrows (rwsplit remembers the session settings it applied there).
     */
    public abstract JdbcConnection server();

    /** Whether the server reports an open transaction on this session (from the last OK packet; no round trip). */
    public abstract boolean inTransactionOnServer();

    /**
     * The GTIDs the last OK packet reported for the transaction this session just committed; empty when it reported
     * none; null when this session does not track them (rwsplit then asks the server).
     */
    abstract GtidSet reportedGtids();

    /** Cuts the session under a thread that may be blocked on it, without waiting for that thread. */
    abstract void abortSession();

    /** What session state rwsplit last applied to this physical session, kept across borrows; null when none. */
    public Object sessionTag() {
        return node.sessionTag(server());
    }

    public void sessionTag(Object tag) {
        node.sessionTag(server(), tag);
    }

    /** Whether this session's server gives transactions GTIDs (MariaDB always; MySQL with gtid_mode ON). */
    public boolean serverAssignsGtids() throws SQLException {
        return node.assignsGtids(server());
    }

    /**
     * The GTIDs of the transaction this session just committed, empty when the commit wrote nothing or the server
     * assigns none. Where the pool enabled session tracking they come from the OK packet (no round trip); otherwise
     * rwsplit asks for them.
     */
    public GtidSet committedGtids() throws SQLException {
        GtidSet reported = reportedGtids();
        if (reported != null) {
            return reported;
        }
        JdbcConnection server = server();
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
            node.discard(this);
            return;
        }
        node.giveBack(this);
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
        node.discard(this);
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
        abortSession();
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
