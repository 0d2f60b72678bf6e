package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.metrics.PrimaryReason;
import io.github.rwsplit.metrics.ShadowStats;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Shadow mode's figures for one cluster: where statements would have run, and why the primary's ones stay there. */
final class ShadowCounters {
    /** Built once from the cluster's nodes, which never change: counting reads it without a lock. */
    private final Map<Node, LongAdder> byNode = new IdentityHashMap<>();
    private final LongAdder[] byReason = new LongAdder[PrimaryReason.values().length];

    ShadowCounters(List<Node> nodes) {
        for (Node node : nodes) {
            byNode.put(node, new LongAdder());
        }
        for (int i = 0; i < byReason.length; i++) {
            byReason[i] = new LongAdder();
        }
    }

    void wouldRunOn(Node node) {
        LongAdder count = byNode.get(node);
        if (count != null) {
            count.increment();
        }
    }

    void wouldStayOnPrimary(Node primary, PrimaryReason reason) {
        wouldRunOn(primary);
        byReason[reason.ordinal()].increment();
    }

    ShadowStats snapshot() {
        Map<String, Long> nodes = new LinkedHashMap<>();
        byNode.forEach((node, count) -> nodes.put(node.host().toString(), count.sum()));
        Map<PrimaryReason, Long> reasons = new EnumMap<>(PrimaryReason.class);
        for (PrimaryReason reason : PrimaryReason.values()) {
            reasons.put(reason, byReason[reason.ordinal()].sum());
        }
        return new ShadowStats(nodes, reasons);
    }
}
