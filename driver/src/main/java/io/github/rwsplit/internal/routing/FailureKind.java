package io.github.rwsplit.internal.routing;

/**
 * What a failed execution says about its node and its connection. The failure table of docs/routing.md lists what each
 * kind leads to; {@link FailurePolicy} is where that table lives in code.
 */
public enum FailureKind {
    /** The statement itself failed (syntax, constraint, lock wait, deadlock): node and connection are fine. */
    STATEMENT,
    /** The application's own limit ended it (setQueryTimeout, server-side max statement time): never retried. */
    QUERY_TIMEOUT,
    /** cancel(), a close() from another thread, or abort() stopped it: never retried. */
    CANCELLED,
    /** The socket timed out (socketTimeout, setNetworkTimeout): the connection is gone, the node is only slow. */
    SOCKET_TIMEOUT,
    /** Every connection of the node's pool is busy: the node is up, and waiting longer would have helped. */
    SATURATED,
    /** The connection broke or could not be made: the node may be down. */
    CONNECTION_LOST
}
