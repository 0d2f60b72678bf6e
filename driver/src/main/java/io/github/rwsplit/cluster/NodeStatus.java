package io.github.rwsplit.cluster;

/** What the health monitor last concluded about a node. */
public enum NodeStatus {
    /** Answers and, for a replica, is within the lag bound: takes part in routing. */
    UP,
    /** Answers, but replication is too far behind, stopped or broken: gets no reads. */
    LAGGING,
    /** Does not answer, refuses connections, or failed a statement with a connection error. */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
