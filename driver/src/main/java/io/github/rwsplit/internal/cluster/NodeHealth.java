package io.github.rwsplit.internal.cluster;

/**
 * An immutable health verdict, published through one volatile field per node so the router reads it without locks.
 *
 * @param lagMillis last measured replication lag; -1 when unknown or not applicable
 * @param detail    why the node is lagging, suspect or down, for logs and stats; empty when up
 */
public record NodeHealth(NodeStatus status, long lagMillis, String detail) {

    static final NodeHealth UNCHECKED_UP = new NodeHealth(NodeStatus.UP, -1, "");

    static NodeHealth up(long lagMillis) {
        return new NodeHealth(NodeStatus.UP, lagMillis, "");
    }

    static NodeHealth lagging(long lagMillis, String detail) {
        return new NodeHealth(NodeStatus.LAGGING, lagMillis, detail);
    }

    /** Missed a check or broke a connection in use, but is not known dead; keeps its last measured lag. */
    static NodeHealth suspect(long lagMillis, String detail) {
        return new NodeHealth(NodeStatus.SUSPECT, lagMillis, detail);
    }

    static NodeHealth down(String detail) {
        return new NodeHealth(NodeStatus.DOWN, -1, detail);
    }

    public boolean isUp() {
        return status == NodeStatus.UP;
    }

    /** Same verdict for logging purposes: a lag figure that moves within the same status is not a transition. */
    boolean sameStatus(NodeHealth other) {
        return other != null && status == other.status;
    }

    @Override
    public String toString() {
        return detail.isEmpty() ? status.label() : status.label() + " (" + detail + ")";
    }
}
