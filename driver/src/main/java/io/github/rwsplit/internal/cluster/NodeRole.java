package io.github.rwsplit.internal.cluster;

/** A node's place in the cluster: where writes go, or where reads may go. */
public enum NodeRole {
    PRIMARY, REPLICA;

    public String label() {
        return this == PRIMARY ? "primary" : "replica";
    }
}
