package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.routing.NodeSelector.ReadChoice;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.metrics.PrimaryReason;
import java.sql.SQLException;

/**
 * Shadow mode for one logical connection ({@code routing=shadow}): every statement runs on the primary, and this
 * records where routing would have sent it, so a team can see the split before turning it on. The verdict follows the
 * routing rules; a read is given the replica the balancer picks now, without waiting for read-your-writes.
 */
final class ShadowRouting {
    private final Cluster cluster;
    private final NodeSelector selector;
    private final ShadowCounters counters;
    /** Where the open transaction would run: the replica of a read-only one, or null for the primary. */
    private Node transactionReplica;
    /** The last statement's verdict, for the DEBUG line. */
    private String lastVerdict = "";

    ShadowRouting(Cluster cluster, NodeSelector selector, ShadowCounters counters) {
        this.cluster = cluster;
        this.selector = selector;
        this.counters = counters;
    }

    /** A statement that would have stayed on the primary for {@code reason}. */
    void primary(PrimaryReason reason) {
        counters.wouldStayOnPrimary(cluster.primary(), reason);
        lastVerdict = "would stay on the primary: " + reason.label();
    }

    /** A read outside a transaction: the replica the balancer would pick, or why it would fall back. */
    void read(Classification classification) {
        ReadChoice choice;
        try {
            choice = selector.chooseReader(classification, null);
        } catch (SQLException noReader) {
            // Under routing it would fail (readFromPrimary=never) or find no node: it would not run on a replica.
            primary(PrimaryReason.NO_REPLICA);
            return;
        }
        if (choice.fallback() != null) {
            primary(PrimaryReason.of(choice.fallback()));
        } else {
            wouldRunOn(choice.node());
        }
    }

    /** A transaction begins: a read-only one would pin a replica, a read-write one the primary. */
    void transactionBegins(boolean readOnly) {
        transactionReplica = null;
        if (!readOnly) {
            return;
        }
        try {
            ReadChoice choice = selector.chooseReader(PlacementRules.READ, null);
            transactionReplica = choice.fallback() == null && !choice.node().isPrimary() ? choice.node() : null;
        } catch (SQLException noReader) {
            transactionReplica = null;
        }
    }

    /** A statement of the open transaction. */
    void inTransaction() {
        if (transactionReplica != null) {
            wouldRunOn(transactionReplica);
        } else {
            primary(PrimaryReason.TRANSACTION);
        }
    }

    String lastVerdict() {
        return lastVerdict;
    }

    private void wouldRunOn(Node node) {
        counters.wouldRunOn(node);
        lastVerdict = "would run on " + node;
    }
}
