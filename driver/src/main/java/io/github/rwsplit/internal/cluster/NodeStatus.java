package io.github.rwsplit.internal.cluster;

/** What the health monitor last concluded about a node. */
public enum NodeStatus {
    /** Answers and, for a replica, is within the lag bound: takes part in routing. */
    UP,
    /** Answers, but replication is too far behind, stopped or broken: gets no reads. */
    LAGGING,
    /**
     * Missed a health check deadline (or a connection failed in use) but has not been silent for downAfter: a replica
     * gets no reads; the primary keeps taking statements, which wait as they would on a plain connection.
     */
    SUSPECT,
    /** Refuses connections, or has missed its checks for downAfter (and at least three in a row). */
    DOWN;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
