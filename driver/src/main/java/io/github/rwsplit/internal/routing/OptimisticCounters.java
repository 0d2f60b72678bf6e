package io.github.rwsplit.internal.routing;

import io.github.rwsplit.metrics.OptimisticStats;
import java.util.concurrent.atomic.LongAdder;

/** A cluster's optimistic transactions, by outcome; shared by its logical connections. */
final class OptimisticCounters {
    private final LongAdder started = new LongAdder();
    private final LongAdder endedOnReplica = new LongAdder();
    private final LongAdder moved = new LongAdder();
    private final LongAdder refused = new LongAdder();

    void started() {
        started.increment();
    }

    void endedOnReplica() {
        endedOnReplica.increment();
    }

    void moved() {
        moved.increment();
    }

    void refused() {
        refused.increment();
    }

    OptimisticStats snapshot() {
        return new OptimisticStats(started.sum(), endedOnReplica.sum(), moved.sum(), refused.sum());
    }
}
