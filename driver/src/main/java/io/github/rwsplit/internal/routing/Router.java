package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.internal.config.RoutingMode;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SqlClassifier;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.ShadowStats;

/**
 * Routing for one cluster, shared by all its logical connections: the classifier with its cache, the node selector,
 * and a {@link RoutingSession} per logical connection.
 */
public final class Router {
    private static final int CLASSIFIER_CACHE = 4096;

    private final Cluster cluster;
    private final SqlClassifier classifier = new SqlClassifier(CLASSIFIER_CACHE);
    private final NodeSelector selector;
    private final OptimisticCounters optimisticCounters = new OptimisticCounters();
    /** Built only in shadow mode. */
    private final ShadowCounters shadowCounters;

    public Router(Cluster cluster) {
        this.cluster = cluster;
        this.selector = new NodeSelector(cluster);
        this.shadowCounters = cluster.config().get(Options.ROUTING) == RoutingMode.SHADOW
                ? new ShadowCounters(cluster.nodes()) : null;
    }

    public Cluster cluster() {
        return cluster;
    }

    public Classification classify(String sql) {
        return classifier.classify(sql);
    }

    public SqlClassifier classifier() {
        return classifier;
    }

    public ClusterStats stats() {
        return cluster.stats(classifier.parserCalls(), classifier.parseFailures(), optimisticCounters.snapshot(),
                shadowCounters == null ? ShadowStats.NONE : shadowCounters.snapshot());
    }

    /** The routing state of a new logical connection. */
    public RoutingSession newSession(long id) {
        return new RoutingSession(this, id);
    }

    NodeSelector selector() {
        return selector;
    }

    ShadowCounters shadowCounters() {
        return shadowCounters;
    }

    OptimisticCounters optimisticCounters() {
        return optimisticCounters;
    }
}
