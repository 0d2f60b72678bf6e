package io.github.rwsplit.internal.session;

import io.github.rwsplit.internal.cluster.GtidSet;
import java.util.function.LongSupplier;

/**
 * What one logical connection's reads must see (docs/routing.md, "Read-your-writes"): the GTIDs of the writes it committed, or a
 * position the application handed over from another connection. On servers that assign no GTIDs nothing can tell which
 * replica has a write, so for maxReplicationLag after such a write the primary serves this connection's reads.
 */
public final class ReadYourWrites {
    private final long unversionedWindowNanos;
    private final LongSupplier clock;
    private GtidSet required;
    private long unversionedWriteNanos;
    private boolean unversionedWrite;

    public ReadYourWrites(long unversionedWindowNanos, LongSupplier clock) {
        this.unversionedWindowNanos = unversionedWindowNanos;
        this.clock = clock;
    }

    /** A transaction of this connection committed {@code written} (empty when it wrote nothing or has no GTIDs). */
    public void committed(GtidSet written, boolean serverAssignsGtids) {
        if (!written.isEmpty()) {
            require(written);
        } else if (!serverAssignsGtids) {
            unversionedWrite = true;
            unversionedWriteNanos = clock.getAsLong();
        }
    }

    /** Reads must also see {@code position} (written elsewhere). */
    public void require(GtidSet position) {
        if (!position.isEmpty()) {
            required = (required == null ? position : required.union(position)).upToLatest();
        }
    }

    /** Whether reads must wait for anything at all; the common case after no writes is a single field test. */
    public boolean pending() {
        if (unversionedWrite && clock.getAsLong() - unversionedWriteNanos >= unversionedWindowNanos) {
            unversionedWrite = false;
        }
        return required != null || unversionedWrite;
    }

    /** Only the primary may serve reads now: a write without GTID is younger than maxReplicationLag. */
    public boolean primaryOnly() {
        return pending() && unversionedWrite;
    }

    /** What a replica must have applied to serve this connection's reads; null when nothing. */
    public GtidSet required() {
        return required;
    }

    /** Every replica has applied what was required: later reads need no check until the next write. */
    public void satisfiedEverywhere() {
        required = null;
    }

    /** The position to hand to another connection that must see this one's writes; null when none. */
    public String position() {
        return required == null ? null : required.toString();
    }
}
