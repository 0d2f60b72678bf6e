package io.github.rwsplit.micrometer;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import java.util.function.ToDoubleFunction;

/**
 * What the meters of one data source read: a fresh snapshot per read while the data source is connected, the last
 * one before its first connection (none) and after its close. It is handed the data source on every read and keeps
 * no reference to it, so the meters that share it never keep a discarded data source alive.
 */
final class LastStats {
    private volatile ClusterStats last;

    /** {@code figure} of {@code node}, or {@code unknown} before the first connection. */
    double node(RwSplitDataSource dataSource, String node, ToDoubleFunction<NodeStats> figure, double unknown) {
        ClusterStats stats = snapshot(dataSource);
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
    double cluster(RwSplitDataSource dataSource, ToDoubleFunction<ClusterStats> figure) {
        ClusterStats stats = snapshot(dataSource);
        return stats == null ? 0 : figure.applyAsDouble(stats);
    }

    private ClusterStats snapshot(RwSplitDataSource dataSource) {
        try {
            last = dataSource.getClusterStats();
        } catch (IllegalStateException notConnected) {
            // Not yet connected, or closed: the last snapshot (if any) stands.
        }
        return last;
    }
}
