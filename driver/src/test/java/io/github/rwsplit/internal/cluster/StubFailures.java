package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.exceptions.CommunicationsException;
import com.mysql.cj.jdbc.exceptions.MySQLTimeoutException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/**
 * The failures routing must tell apart, shaped as Connector/J and rwsplit raise them, for {@link StubNode#failNext}
 * and {@link StubNode#failAlways}. Each call builds a new exception.
 */
public final class StubFailures {
    private StubFailures() {
    }

    /** The server went away under a statement: Connector/J's CommunicationsException, SQLState 08S01. */
    public static SQLException communicationsFailure() {
        return new CommunicationsException("Communications link failure",
                new SocketException("Connection reset"));
    }

    /**
     * socketTimeout or setNetworkTimeout ran out: Connector/J reports it as a communications failure (08S01) whose
     * cause is the socket's timeout, and closes the connection.
     */
    public static SQLException socketTimeout() {
        return new CommunicationsException("Communications link failure",
                new SocketTimeoutException("Read timed out"));
    }

    /** setQueryTimeout ran out or the statement was cancelled: MySQLTimeoutException, SQLState 70100. */
    public static SQLException queryTimeout() {
        return new MySQLTimeoutException("Statement cancelled due to timeout or client request", "70100", 1317);
    }

    /** An ordinary statement error, SQLState 42000 (error 1064); the connection stays usable. */
    public static SQLException syntaxError() {
        return new SQLSyntaxErrorException("You have an error in your SQL syntax", "42000", 1064);
    }

    /** A deadlock: SQLState 40001 (error 1213); the server rolled the transaction back. */
    public static SQLException deadlock() {
        return new SQLTransactionRollbackException("Deadlock found when trying to get lock; try restarting"
                + " transaction", "40001", 1213);
    }

    /** What a borrow from a node that refuses connections throws: SQLState 08001 naming the node. */
    public static SQLException refused(Node node) {
        return new SQLTransientConnectionException("rwsplit: cannot get a connection to " + node
                + ": Connection refused", "08001", new java.net.ConnectException("Connection refused"));
    }

    /** What a borrow from a node whose pool stays saturated throws (not a connection failure). */
    public static NodeSaturatedException saturated(Node node) {
        return new NodeSaturatedException(node, "rwsplit: every connection to " + node + " stayed in use for "
                + "pool.connectionTimeout (30000 ms): active=10, idle=0, waiting=1", null);
    }
}
