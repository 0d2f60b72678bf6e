package io.github.rwsplit.metrics;

import java.util.Map;

/**
 * One node's figures at one moment.
 *
 * @param node        {@code host:port}
 * @param role        {@code primary} or {@code replica}
 * @param state       {@code up}, {@code lagging}, {@code suspect} or {@code down}
 * @param detail      why the node is in that state (empty when up)
 * @param lagMillis   last measured replication lag; -1 when unknown or not a replica
 * @param fallbacks   reads that ran here instead of on a replica, by reason (only the primary has any)
 * @param borrowed    physical connections in use
 * @param idle        physical connections idle in the node's pool
 */
public record NodeStats(String node, String role, String state, String detail, long lagMillis, long reads, long writes,
                        long errors, long retries, Map<FallbackReason, Long> fallbacks, int borrowed, int idle) {

    public NodeStats {
        fallbacks = Map.copyOf(fallbacks);
    }

    public long fallbacks(FallbackReason reason) {
        return fallbacks.getOrDefault(reason, 0L);
    }
}
