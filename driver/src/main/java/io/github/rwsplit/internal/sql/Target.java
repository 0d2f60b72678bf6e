package io.github.rwsplit.internal.sql;

/** Where a statement may run. */
public enum Target {
    /** A plain read that may run on any replica. */
    REPLICA_READ,
    /**
     * Changes no data but must run on the primary, and on the logical connection's own primary session when it has
     * one: locking reads, session-scope or side-effect functions, user variables, SHOW/DESCRIBE/EXPLAIN/HELP. A
     * replica hint may move one that leaves no state on the session to a replica.
     */
    PRIMARY_READ,
    /**
     * Everything else, including every statement the classifier does not understand, and queries that advance or set
     * a sequence ({@code NEXTVAL(s)}, {@code NEXT VALUE FOR s}, {@code s.NEXTVAL}, {@code SETVAL(s, n)}): those keep
     * {@link StatementKind#QUERY}, and no replica hint moves them. Reading a sequence's current value
     * ({@code LASTVAL(s)}, {@code PREVIOUS VALUE FOR s}, {@code s.CURRVAL}) is a {@link #PRIMARY_READ}.
     */
    WRITE
}
