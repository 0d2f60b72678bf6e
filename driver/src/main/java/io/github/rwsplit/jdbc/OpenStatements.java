package io.github.rwsplit.jdbc;

/**
 * The statements of a logical connection that are not closed yet, so that closing the connection closes them (JDBC's
 * rule). The statements are linked through their own fields: an application that opens a connection and a statement
 * per request would otherwise pay for a set and its table on every request.
 */
final class OpenStatements {
    private RoutingStatement first;

    synchronized void add(RoutingStatement statement) {
        statement.nextOpen = first;
        statement.previousOpen = null;
        if (first != null) {
            first.previousOpen = statement;
        }
        first = statement;
    }

    /** Forgets {@code statement}; does nothing when it is not listed (any more). */
    synchronized void remove(RoutingStatement statement) {
        if (statement.previousOpen == null && first != statement) {
            return;
        }
        if (statement.previousOpen == null) {
            first = statement.nextOpen;
        } else {
            statement.previousOpen.nextOpen = statement.nextOpen;
        }
        if (statement.nextOpen != null) {
            statement.nextOpen.previousOpen = statement.previousOpen;
        }
        statement.previousOpen = null;
        statement.nextOpen = null;
    }

    /**
     * Closes every listed statement, quietly. Each is taken off the list before it is closed, so a statement whose
     * close fails cannot stop the others from closing, and none is closed while holding the list's lock.
     *
     * @param cutConnections whether to cut the connection under an execution in flight (abort) rather than cancel it
     */
    void closeAll(boolean cutConnections) {
        while (true) {
            RoutingStatement statement;
            synchronized (this) {
                statement = first;
                if (statement == null) {
                    return;
                }
                remove(statement);
            }
            if (cutConnections) {
                statement.cutRunning();
            }
            statement.closeQuietly();
        }
    }
}
