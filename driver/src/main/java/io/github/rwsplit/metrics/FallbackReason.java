package io.github.rwsplit.metrics;

/** Why a read that could have gone to a replica ran on the primary instead. */
public enum FallbackReason {
    /** No replica was usable (down, lagging or none configured). */
    NO_REPLICA("no replica"),
    /** Replicas were up but none was within the statement's lag bound. */
    LAG("lag"),
    /** No replica had applied this connection's last write in time. */
    READ_YOUR_WRITES("read-your-writes"),
    /** The statement carried a {@code /*rwsplit:primary*}{@code /} hint. */
    HINT("hint"),
    /** The statement needed this connection's primary session (temporary tables, session-bound state). */
    SESSION_PINNING("session pinning");

    private final String label;

    FallbackReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
