package io.github.rwsplit.internal.cluster;

import io.github.rwsplit.metrics.FallbackReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per-node event counters. LongAdder keeps the hot path contention-free: many application threads increment, a stats
 * reader sums rarely.
 */
public final class NodeCounters {
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder[] fallbacks = new LongAdder[FallbackReason.values().length];

    public NodeCounters() {
        for (int i = 0; i < fallbacks.length; i++) {
            fallbacks[i] = new LongAdder();
        }
    }

    public void read() {
        reads.increment();
    }

    public void write() {
        writes.increment();
    }

    public void error() {
        errors.increment();
    }

    public void retry() {
        retries.increment();
    }

    public void fallback(FallbackReason reason) {
        fallbacks[reason.ordinal()].increment();
    }

    public long reads() {
        return reads.sum();
    }

    public long writes() {
        return writes.sum();
    }

    public long errors() {
        return errors.sum();
    }

    public long retries() {
        return retries.sum();
    }

    public long fallbacks(FallbackReason reason) {
        return fallbacks[reason.ordinal()].sum();
    }

    public Map<FallbackReason, Long> fallbacks() {
        Map<FallbackReason, Long> byReason = new EnumMap<>(FallbackReason.class);
        for (FallbackReason reason : FallbackReason.values()) {
            byReason.put(reason, fallbacks(reason));
        }
        return byReason;
    }
}
