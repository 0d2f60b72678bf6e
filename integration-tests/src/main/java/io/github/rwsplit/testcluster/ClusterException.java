package io.github.rwsplit.testcluster;

/** A cluster operation failed: a server would not start, a statement failed, replication did not catch up. */
public class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
