package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;

/**
 * One borrowed physical session, and the few things rwsplit reads from it beyond JDBC: what the server said in its
 * last OK packet, and how to cut it from another thread. Connector/J answers these in production; a test fake answers
 * them from a script.
 */
interface PooledSession {

    /** The pool's handle: statements are created on it so that the pool tracks and resets them. */
    Connection connection();

    /**
     * The driver's connection underneath. Settings made on it bypass the pool's reset-on-return, and it identifies the
     * physical session across borrows (rwsplit remembers the session settings it applied there).
     */
    JdbcConnection server();

    /** Whether the server reports an open transaction on this session (from the last OK packet; no round trip). */
    boolean inTransactionOnServer();

    /**
     * The GTIDs the last OK packet reported for the transaction this session just committed; empty when it reported
     * none; null when this session does not track them (rwsplit then asks the server).
     */
    GtidSet reportedGtids();

    /** Cuts the session under a thread that may be blocked on it, without waiting for that thread. */
    void abort();
}
