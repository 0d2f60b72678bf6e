package io.github.rwsplit.micrometer;

import io.github.rwsplit.config.ClusterConfig;
import io.github.rwsplit.config.HostSpec;
import io.github.rwsplit.config.RwSplitUrl;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.FallbackReason;
import io.github.rwsplit.metrics.NodeStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes the figures of {@link RwSplitDataSource#getClusterStats()} as Micrometer meters, tagged {@code cluster},
 * {@code node} ({@code host:port}) and {@code role} (the node's role in the URL), fallbacks also by {@code reason}.
 * The README's "Metrics and JMX" section lists the meters.
 *
 * <p>The meters exist from {@link #bindTo} on, named from the data source's URL, so binding may come before the first
 * connection (as it does in Spring Boot); until then counters read 0 and gauges NaN. Each read takes a fresh snapshot,
 * and after the data source is closed the last one stays, so counters never run backwards.
 *
 * <p>Micrometer holds a meter's state object weakly. That object is the data source, which the application keeps;
 * the meters' functions capture this binder, so the registry alone keeps it alive and
 * {@code new RwSplitMeterBinder(dataSource).bindTo(registry)} without keeping the binder works.
 *
 * <p>This package is the only one that needs Micrometer, an optional dependency: an application without it never
 * loads this class.
 */
public final class RwSplitMeterBinder implements MeterBinder {
    private static final String[] STATES = {"up", "lagging", "down"};

    private final RwSplitDataSource dataSource;
    private volatile ClusterStats last;

    public RwSplitMeterBinder(RwSplitDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ClusterConfig config = configuration();
        String cluster = config.clusterName();
        List<HostSpec> hosts = config.hosts();
        for (HostSpec host : hosts) {
            String node = host.toString();
            Tags tags = Tags.of("cluster", cluster, "node", node, "role", host.equals(config.primary()) ? "primary"
                    : "replica");
            counter(registry, "rwsplit.node.reads", "Statements this node served as reads", tags, node,
                    NodeStats::reads);
            counter(registry, "rwsplit.node.writes", "Statements this node served as writes", tags, node,
                    NodeStats::writes);
            counter(registry, "rwsplit.node.errors", "Connection errors while statements ran on this node", tags, node,
                    NodeStats::errors);
            counter(registry, "rwsplit.node.retries", "Reads that failed here and were retried on another node", tags,
                    node, NodeStats::retries);
            for (FallbackReason reason : FallbackReason.values()) {
                counter(registry, "rwsplit.node.fallbacks", "Reads this node served instead of a replica, by reason",
                        tags.and("reason", reasonTag(reason)), node, stats -> stats.fallbacks(reason));
            }
            TimeGauge.builder("rwsplit.node.lag", dataSource, TimeUnit.MILLISECONDS,
                            ignored -> gauge(node, s -> s.lagMillis() < 0 ? Double.NaN : s.lagMillis()))
                    .description("Last measured replication lag; NaN when unknown or not a replica")
                    .tags(tags).register(registry);
            for (String state : STATES) {
                gauge(registry, "rwsplit.node.state", "1 for the node's current state, 0 for the others",
                        tags.and("state", state), node, s -> s.state().equals(state) ? 1 : 0);
            }
            gauge(registry, "rwsplit.node.primary", "1 while the node is the primary (it can change under"
                    + " primaryDiscovery), else 0", tags, node, s -> s.role().equals("primary") ? 1 : 0);
            gauge(registry, "rwsplit.node.connections.borrowed", "Physical connections in use", tags, node,
                    NodeStats::borrowed);
            gauge(registry, "rwsplit.node.connections.idle", "Physical connections idle in the node's pool", tags,
                    node, NodeStats::idle);
        }
        Tags clusterTags = Tags.of("cluster", cluster);
        FunctionCounter.builder("rwsplit.classifier.parser.calls", dataSource,
                        ignored -> clusterFigure(ClusterStats::parserCalls))
                .description("Statements the lexical classifier handed to the SQL parser")
                .tags(clusterTags).register(registry);
        FunctionCounter.builder("rwsplit.classifier.parse.failures", dataSource,
                        ignored -> clusterFigure(ClusterStats::parseFailures))
                .description("Statements nobody understood; they went to the primary")
                .tags(clusterTags).register(registry);
    }

    /** The tag value of a reason: the enum name in lower case, {@code no_replica}, {@code read_your_writes}, ... */
    public static String reasonTag(FallbackReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private ClusterConfig configuration() {
        try {
            return RwSplitUrl.parse(dataSource.getUrl(), dataSource.getProperties());
        } catch (SQLException e) {
            throw new IllegalStateException("rwsplit: cannot name the meters of " + dataSource + ": " + e.getMessage(),
                    e);
        }
    }

    private void counter(MeterRegistry registry, String name, String description, Tags tags, String node,
                         ToDoubleFunction<NodeStats> figure) {
        FunctionCounter.builder(name, dataSource, ignored -> nodeFigure(node, figure, 0))
                .description(description).tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, Tags tags, String node,
                       ToDoubleFunction<NodeStats> figure) {
        Gauge.builder(name, dataSource, ignored -> gauge(node, figure)).description(description).tags(tags)
                .register(registry);
    }

    private double gauge(String node, ToDoubleFunction<NodeStats> figure) {
        return nodeFigure(node, figure, Double.NaN);
    }

    private double nodeFigure(String node, ToDoubleFunction<NodeStats> figure, double unknown) {
        ClusterStats stats = snapshot();
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

    private double clusterFigure(ToDoubleFunction<ClusterStats> figure) {
        ClusterStats stats = snapshot();
        return stats == null ? 0 : figure.applyAsDouble(stats);
    }

    /** The current figures; before the first connection none, after the data source's close the last ones. */
    private ClusterStats snapshot() {
        try {
            last = dataSource.getClusterStats();
        } catch (IllegalStateException notConnected) {
            // Not yet connected, or closed: the last snapshot (if any) stands.
        }
        return last;
    }
}
