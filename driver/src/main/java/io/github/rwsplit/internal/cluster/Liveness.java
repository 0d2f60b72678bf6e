package io.github.rwsplit.internal.cluster;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Tells a dead node from a slow one. A node that refuses connections is down at once; a node that merely fails to
 * answer in time is only suspect, and becomes down after sustained silence: at least {@link #MISSES_FOR_DOWN} missed
 * checks in a row and at least downAfter since the first of them. A short stall (a lock wait, a frozen process, a slow
 * disk) thus never makes the primary down, while a node that stays silent still leaves within a documented time. Any
 * answer clears the count.
 *
 * <p>Not thread-safe: the cluster calls it under its own lock, together with publishing the verdict it returns.
 */
final class Liveness {
    /** Fewer misses than this never make a node down, however long they took (a long interval must not). */
    static final int MISSES_FOR_DOWN = 3;

    private final long downAfterNanos;
    private final LongSupplier clock;
    private int misses;
    private long firstMissNanos;

    /** @param clock nanoseconds on a monotonic scale ({@code System::nanoTime} outside tests) */
    Liveness(Duration downAfter, LongSupplier clock) {
        this.downAfterNanos = downAfter.toNanos();
        this.clock = clock;
    }

    /** Missed checks in a row since the last answer. */
    int misses() {
        return misses;
    }

    /** The node answered its check: whatever it said (up or lagging) stands, and its silence is forgotten. */
    NodeHealth answered(NodeHealth verdict) {
        misses = 0;
        return verdict;
    }

    /** Connecting failed outright (refused, unknown host, rejected credentials): nothing listens there. */
    NodeHealth refused(String why) {
        misses = 0;
        return NodeHealth.down(why);
    }

    /**
     * A check went unanswered: its deadline passed, or its connect or read timed out. A node already down stays down
     * (only an answer brings it back); otherwise it is suspect until its silence is long enough to call it down.
     */
    NodeHealth missed(NodeHealth current, String why) {
        long now = clock.getAsLong();
        if (misses == 0) {
            firstMissNanos = now;
        }
        misses++;
        if (current.status() == NodeStatus.DOWN) {
            return current;
        }
        long silentMillis = (now - firstMissNanos) / 1_000_000;
        if (misses >= MISSES_FOR_DOWN && now - firstMissNanos >= downAfterNanos) {
            return NodeHealth.down("no answer to " + misses + " checks in a row over " + silentMillis + " ms ("
                    + why + ")");
        }
        return NodeHealth.suspect(current.lagMillis(), why + (misses > 1 ? "; " + misses + " checks missed" : ""));
    }

    /**
     * A statement failed on one of the node's connections with a connection error. A replica leaves read rotation at
     * once, until its next check answers; the primary keeps its state, because one broken connection says little
     * about the server and refusing writes on a guess costs more than waiting for the check.
     */
    NodeHealth failedInUse(NodeHealth current, NodeRole role, String why) {
        if (role == NodeRole.PRIMARY) {
            return current;
        }
        if (current.status() == NodeStatus.UP || current.status() == NodeStatus.LAGGING) {
            return NodeHealth.suspect(current.lagMillis(), "connection error in use: " + why);
        }
        return current;
    }
}
