package io.github.rwsplit.internal.cluster;

import java.sql.SQLTransientConnectionException;

/**
 * Every connection of a node's pool stayed in use for the whole of pool.connectionTimeout. The node is healthy, only
 * busy: this is not a connection failure (its SQLState is null, as HikariCP's own timeout has it, never class 08), so
 * nothing marks the node down, nothing flushes its pool, and trying the statement elsewhere or later is the caller's
 * choice.
 */
public final class NodeSaturatedException extends SQLTransientConnectionException {
    private static final long serialVersionUID = 1L;

    private final transient Node node;

    public NodeSaturatedException(Node node, String message, Throwable cause) {
        super(message, (String) null, cause);
        this.node = node;
    }

    /** The busy node; null once the exception was serialized. */
    public Node node() {
        return node;
    }
}
