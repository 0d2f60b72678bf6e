package io.github.rwsplit.internal.cluster;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;

/**
 * The one place that decides whether an exception means "this physical connection, or its node, is gone", as opposed
 * to "this statement failed". Only the former makes a node suspect or allows a read to be retried elsewhere; a node
 * whose pool is merely saturated ({@link NodeSaturatedException}) is neither.
 */
public final class ConnectionFailures {
    private ConnectionFailures() {
    }

    public static boolean isConnectionFailure(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (isConnectionClass(current)) {
                return true;
            }
            if (current.getNextException() == current) {
                break;
            }
        }
        return false;
    }

    private static boolean isConnectionClass(SQLException e) {
        if (e instanceof NodeSaturatedException) {
            // HikariCP's type for "every connection is busy": the node is fine, nothing is broken.
            return false;
        }
        String state = e.getSQLState();
        if (state != null && state.startsWith("08")) {
            return true;
        }
        return e instanceof SQLTransientConnectionException
                || e instanceof SQLNonTransientConnectionException
                || e instanceof SQLRecoverableException;
    }
}
