package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.Connection;

/**
 * A physical connection in use by one logical connection, shared by everything that still needs it: an open result
 * set, a statement's pending results, a transaction or session pin. It goes back to its pool when the last holder lets
 * go, so a result set stays readable whatever the logical connection does next.
 */
public final class Lease {
    private final PhysicalConnection physical;
    private int holders;
    private boolean ended;

    public Lease(PhysicalConnection physical) {
        this.physical = physical;
    }

    public PhysicalConnection physical() {
        return physical;
    }

    public Connection connection() {
        return physical.connection();
    }

    public Node node() {
        return physical.node();
    }

    public synchronized Lease hold() {
        holders++;
        return this;
    }

    public synchronized void release() {
        if (--holders <= 0 && !ended) {
            ended = true;
            physical.giveBack();
        }
    }

    /** Ends the lease at once and closes the physical session (its state is unknown or must not be inherited). */
    public synchronized void discard() {
        if (!ended) {
            ended = true;
            physical.discard();
        }
    }

    public synchronized boolean ended() {
        return ended;
    }

    @Override
    public String toString() {
        return physical.toString();
    }
}
