package io.github.rwsplit.internal.routing;

import java.util.ArrayList;
import java.util.List;

/**
 * The reads an optimistic transaction made before its first statement that needs the primary, in order, bounded by
 * optimisticReplayLimit: the bound keeps both the memory (SQL and parameters, never rows) and the time of the move
 * (each read runs again on the primary) in check.
 */
final class ReplayLog {
    private final int limit;
    private final List<ReplayedRead> reads = new ArrayList<>();

    ReplayLog(int limit) {
        this.limit = limit;
    }

    boolean full() {
        return reads.size() >= limit;
    }

    void add(ReplayedRead read) {
        reads.add(read);
    }

    List<ReplayedRead> reads() {
        return reads;
    }

    void clear() {
        reads.clear();
    }
}
