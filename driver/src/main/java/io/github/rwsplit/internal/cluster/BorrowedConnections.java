package io.github.rwsplit.internal.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The connections borrowed from one node, so that the node can count them (leastConnections) and abort them when the
 * monitor finds it hung. The connections are linked through their own fields: a set would allocate an entry on every
 * borrow, and every statement borrows.
 */
final class BorrowedConnections {
    private PhysicalConnection first;
    private int size;

    synchronized void add(PhysicalConnection connection) {
        connection.previousBorrowed = null;
        connection.nextBorrowed = first;
        if (first != null) {
            first.previousBorrowed = connection;
        }
        first = connection;
        size++;
    }

    /** Forgets {@code connection}; does nothing when it is not listed (any more). */
    synchronized void remove(PhysicalConnection connection) {
        if (connection.previousBorrowed == null && first != connection) {
            return;
        }
        if (connection.previousBorrowed == null) {
            first = connection.nextBorrowed;
        } else {
            connection.previousBorrowed.nextBorrowed = connection.nextBorrowed;
        }
        if (connection.nextBorrowed != null) {
            connection.nextBorrowed.previousBorrowed = connection.previousBorrowed;
        }
        connection.previousBorrowed = null;
        connection.nextBorrowed = null;
        size--;
    }

    synchronized int size() {
        return size;
    }

    /** The connections borrowed now, copied: aborting them must not happen under this list's lock. */
    synchronized List<PhysicalConnection> snapshot() {
        List<PhysicalConnection> copy = new ArrayList<>(size);
        for (PhysicalConnection connection = first; connection != null; connection = connection.nextBorrowed) {
            copy.add(connection);
        }
        return copy;
    }
}
