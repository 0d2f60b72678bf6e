package io.github.rwsplit.metrics;

/** Why a statement runs on the primary, as shadow mode counts it: what would have kept it there under routing. */
public enum PrimaryReason {
    /** It writes, or the classifier did not understand it. */
    WRITE("write"),
    /** It is part of a read-write transaction, which runs whole on the primary. */
    TRANSACTION("transaction"),
    /** The connection holds LOCK TABLES. */
    LOCKED_TABLES("locked tables"),
    /** A read that needs the primary's session or its freshest data (FOR UPDATE, LAST_INSERT_ID(), ...). */
    SESSION_BOUND_READ("session-bound read"),
    /** A read of the connection's temporary tables. */
    SESSION_PINNING("session pinning"),
    /** A read with a primary hint. */
    HINT("hint"),
    /** A read that no replica could take: none usable. */
    NO_REPLICA("no replica"),
    /** A read that no replica within its lag bound could take. */
    LAG("lag");

    private final String label;

    PrimaryReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The reason for a read that fell back to the primary. */
    public static PrimaryReason of(FallbackReason fallback) {
        return switch (fallback) {
            case NO_REPLICA, READ_YOUR_WRITES -> NO_REPLICA;
            case LAG -> LAG;
            case HINT -> HINT;
            case SESSION_PINNING -> SESSION_PINNING;
        };
    }
}
