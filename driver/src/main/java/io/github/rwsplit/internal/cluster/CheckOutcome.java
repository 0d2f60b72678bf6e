package io.github.rwsplit.internal.cluster;

import java.net.SocketTimeoutException;
import java.sql.SQLTimeoutException;

/**
 * What one health check found: an answer (the node's verdict), silence (a timeout: the node may only be slow), or a
 * refusal (nothing accepts connections there). Only a refusal makes a node down at once.
 */
record CheckOutcome(Kind kind, NodeHealth answer, String detail) {

    enum Kind { ANSWERED, MISSED, REFUSED }

    static CheckOutcome answered(NodeHealth verdict) {
        return new CheckOutcome(Kind.ANSWERED, verdict, verdict.detail());
    }

    static CheckOutcome missed(String why) {
        return new CheckOutcome(Kind.MISSED, null, why);
    }

    static CheckOutcome refused(String why) {
        return new CheckOutcome(Kind.REFUSED, null, why);
    }

    /**
     * Whether a failure is a timeout rather than a refusal. Connector/J reports a connect or read timeout as a
     * communications failure (08S01) whose cause is the socket's timeout, which is the only way to tell the two apart.
     */
    static boolean isTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
