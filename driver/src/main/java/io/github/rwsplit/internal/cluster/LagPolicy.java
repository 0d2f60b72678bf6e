package io.github.rwsplit.internal.cluster;

/**
 * How replica lag is measured and judged: the bound (maxReplicationLag; 0 turns lag checks off) and, for
 * lagSource=heartbeat, the heartbeat table.
 */
record LagPolicy(long maxLagMillis, Heartbeat heartbeat) {

    boolean enabled() {
        return maxLagMillis > 0;
    }

    NodeHealth verdict(long lagMillis) {
        if (lagMillis > maxLagMillis) {
            return NodeHealth.lagging(lagMillis, seconds(lagMillis) + " behind (maxReplicationLag " + seconds(maxLagMillis) + ")");
        }
        return NodeHealth.up(lagMillis);
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
