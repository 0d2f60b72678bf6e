package io.github.rwsplit.internal.sql;

/** Where a statement may run. */
public enum Target {
    /** A plain read that may run on any replica. */
    REPLICA_READ,
    /**
     * Changes no data but must run on the primary, and on the logical connection's own primary session when it has
     * one: locking reads, session-scope or side-effect functions, user variables, SHOW/DESCRIBE/EXPLAIN/HELP.
     */
    PRIMARY_READ,
    /** Everything else, including every statement the classifier does not understand. */
    WRITE
}
