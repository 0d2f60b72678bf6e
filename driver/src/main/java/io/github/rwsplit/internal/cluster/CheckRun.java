package io.github.rwsplit.internal.cluster;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One health check of one node, from submission to its outcome. The check answers on its own thread while monitor
 * rounds wait for it until their deadlines; this settles that race under one lock, so that a miss is never published
 * after the answer that should have cleared it, and a check still hanging at a later round's deadline counts as a
 * further miss.
 */
final class CheckRun {
    private static final Logger log = LoggerFactory.getLogger(CheckRun.class);

    private final Cluster cluster;
    private final NodeProbe probe;
    private final CountDownLatch outcomeKnown = new CountDownLatch(1);
    /** Guarded by this: whether the check answered, and whether a deadline already counted its silence. */
    private boolean settled;
    private boolean missCounted;

    CheckRun(Cluster cluster, NodeProbe probe) {
        this.cluster = cluster;
        this.probe = probe;
    }

    /** Runs the check on the calling thread and publishes what it found. */
    void run() {
        try {
            boolean primaryDown = cluster.primary().health().status() == NodeStatus.DOWN;
            settle(probe.check(primaryDown));
        } catch (Throwable t) {
            log.error("rwsplit[{}]: checking {} failed unexpectedly", cluster.name(), probe.node(), t);
        } finally {
            outcomeKnown.countDown();
        }
    }

    private synchronized void settle(CheckOutcome outcome) {
        settled = true;
        Node node = probe.node();
        switch (outcome.kind()) {
            case ANSWERED -> cluster.answered(node, outcome.answer());
            case REFUSED -> cluster.refused(node, outcome.detail());
            case MISSED -> {
                // A deadline already counted this silence; its own timeout is the same miss.
                if (!missCounted) {
                    cluster.missed(node, outcome.detail());
                }
            }
        }
    }

    /** Whether the check has ended: a new one may start. */
    boolean ended() {
        return outcomeKnown.getCount() == 0;
    }

    /**
     * Waits for the check's outcome until {@code deadlineNanos}; without one by then, counts a missed check. What
     * counts is the answer, not the end of the check task.
     */
    void await(long deadlineNanos, long timeoutMillis) {
        try {
            if (outcomeKnown.await(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (!settled) {
                missCounted = true;
                cluster.missed(probe.node(), "no answer within " + timeoutMillis + " ms");
            }
        }
    }
}
