package io.github.rwsplit.micrometer;

import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import java.util.function.ToDoubleFunction;

/**
 * What the meters of one source (a data source or a pool) read: a fresh snapshot per read while its cluster is open,
 * the last one before its first connection (none) and after its cluster has gone. It is handed the source on every
 * read and keeps no reference to it, and neither does its reader, so the meters that share it never keep a discarded
 * data source or pool alive.
 */
final class LastStats {
    private final StatsReader reader;
    private volatile ClusterStats last;

    LastStats(StatsReader reader) {
        this.reader = reader;
    }

    /** How a source's current figures are read: null while it has no open cluster. */
    @FunctionalInterface
    interface StatsReader {
        ClusterStats read(Object source);
    }

    /** {@code figure} of {@code node}, or {@code unknown} before the first connection. */
    double node(Object source, String node, ToDoubleFunction<NodeStats> figure, double unknown) {
        ClusterStats stats = snapshot(source);
        if (stats == null) {
            return unknown;
        }
        for (NodeStats candidate : stats.nodes()) {
            if (candidate.node().equals(node)) {
                return figure.applyAsDouble(candidate);
            }
        }
        return unknown;
    }

    /** {@code figure} of the whole cluster, or 0 before the first connection. */
    double cluster(Object source, ToDoubleFunction<ClusterStats> figure) {
        ClusterStats stats = snapshot(source);
        return stats == null ? 0 : figure.applyAsDouble(stats);
    }

    private ClusterStats snapshot(Object source) {
        ClusterStats current = reader.read(source);
        if (current != null) {
            last = current;
        }
        return last;
    }
}
