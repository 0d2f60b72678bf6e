package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.LinkedMembers;

/**
 * The statements of a logical connection that are not closed yet, so that closing the connection closes them (JDBC's
 * rule). An application that opens a connection and a statement per request would otherwise pay for a set and its
 * table on every request.
 */
final class OpenStatements extends LinkedMembers<RoutingStatement> {

    /**
     * Closes every listed statement, quietly. Each is taken off the list before it is closed, so a statement whose
     * close fails cannot stop the others from closing, and none is closed while holding the list's lock.
     *
     * @param cutConnections whether to cut the connection under an execution in flight (abort) rather than cancel it
     */
    void closeAll(boolean cutConnections) {
        for (RoutingStatement statement = poll(); statement != null; statement = poll()) {
            if (cutConnections) {
                statement.cutRunning();
            }
            statement.closeQuietly();
        }
    }
}
