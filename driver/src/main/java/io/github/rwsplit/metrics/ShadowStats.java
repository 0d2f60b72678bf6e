package io.github.rwsplit.metrics;

import java.util.Map;

/**
 * What shadow mode ({@code routing=shadow}) counted: every statement ran on the primary, and here is where each would
 * have run under routing. All empty when routing is on.
 *
 * @param byNode         statements that would have run on each node ({@code host:port}), the primary included
 * @param primaryReasons statements that would have run on the primary, by reason
 */
public record ShadowStats(Map<String, Long> byNode, Map<PrimaryReason, Long> primaryReasons) {
    public static final ShadowStats NONE = new ShadowStats(Map.of(), Map.of());

    public ShadowStats {
        byNode = Map.copyOf(byNode);
        primaryReasons = Map.copyOf(primaryReasons);
    }

    /** Statements that would have run on {@code node} ({@code host:port}). */
    public long wouldRunOn(String node) {
        return byNode.getOrDefault(node, 0L);
    }

    /** Statements that would have run on the primary for {@code reason}. */
    public long primary(PrimaryReason reason) {
        return primaryReasons.getOrDefault(reason, 0L);
    }
}
