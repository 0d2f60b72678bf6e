package io.github.rwsplit.internal.cluster;

import java.sql.SQLTransientConnectionException;

/**
 * Every connection of a node's pool stayed busy for pool.connectionTimeout. The node is up: this says nothing about its
 * health, so it is neither marked down nor is its pool flushed.
 */
public final class NodeSaturatedException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    public NodeSaturatedException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}
