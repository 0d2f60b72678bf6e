package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.Connection;

/**
 * A physical connection in use by one logical connection, shared by everything that still needs it: an open result
 * set, a statement's pending results, a transaction or session pin. It goes back to its pool when the last holder lets
 * go, so a result set stays readable whatever the logical connection does next.
 */
final class Lease {
    private final PhysicalConnection physical;
    private int holders;
    private boolean ended;

    Lease(PhysicalConnection physical) {
        this.physical = physical;
    }

    PhysicalConnection physical() {
        return physical;
    }

    Connection connection() {
        return physical.connection();
    }

    Node node() {
        return physical.node();
    }

    synchronized Lease hold() {
        holders++;
        return this;
    }

    synchronized void release() {
        if (--holders <= 0 && !ended) {
            ended = true;
            physical.giveBack();
        }
    }

    /** Ends the lease at once and closes the physical session (its state is unknown or must not be inherited). */
    synchronized void discard() {
        if (!ended) {
            ended = true;
            physical.discard();
        }
    }

    synchronized boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return physical.toString();
    }
}
