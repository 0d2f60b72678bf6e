package io.github.rwsplit.micrometer;

import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.HostSpec;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.internal.config.RoutingMode;
import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.FallbackReason;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.metrics.PrimaryReason;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;

/**
 * Publishes the figures of an rwsplit cluster as Micrometer meters, tagged {@code cluster}, {@code node}
 * ({@code host:port}) and {@code role} (the node's role in the URL), fallbacks also by {@code reason}. docs/metrics.md
 * lists the meters. It reads them from an {@link RwSplitDataSource}
 * ({@link #RwSplitMeterBinder(RwSplitDataSource)}) or, where a pool such as HikariCP wraps the driver itself, from the
 * cluster the pool's URL opened ({@link #forPool}).
 *
 * <p>The meters exist from {@link #bindTo} on, named from the URL, so binding may come before the first connection
 * (as it does in Spring Boot); until then counters read 0 and gauges NaN. Each read takes a fresh snapshot, and after
 * the data source is closed (or the pool's cluster has gone) the last one stays, so counters never run backwards.
 *
 * <p>Micrometer holds a meter's state object weakly. That object is the data source or the pool, and the meters'
 * functions hold neither it nor this binder: {@code new RwSplitMeterBinder(dataSource).bindTo(registry)} works
 * without keeping the binder, and a data source the application lets go can be collected (its counters then keep
 * their last values and its gauges read NaN). Nor do the meters keep a cluster open: reading them opens no connection.
 *
 * <p>This package is the only one that needs Micrometer, an optional dependency: an application without it never
 * loads this class.
 */
public final class RwSplitMeterBinder implements MeterBinder {
    /** Every label of the monitor's node states: a state without its gauge would leave all of a node's at 0. */
    private static final String[] STATES = {"up", "lagging", "suspect", "down"};

    private final Object source;
    private final LastStats.StatsReader reader;
    private final Naming naming;

    /** Meters over the cluster of {@code dataSource}. */
    public RwSplitMeterBinder(RwSplitDataSource dataSource) {
        this(dataSource, RwSplitMeterBinder::dataSourceStats,
                () -> RwSplitUrl.parse(dataSource.getUrl(), dataSource.getProperties()));
    }

    private RwSplitMeterBinder(Object source, LastStats.StatsReader reader, Naming naming) {
        this.source = source;
        this.reader = reader;
        this.naming = naming;
    }

    /**
     * Meters over the cluster of a pool that wraps the driver rather than an {@link RwSplitDataSource}: HikariCP given
     * a {@code jdbc:rwsplit:} URL, as Spring Boot configures it. {@code url} and {@code properties} are the ones the
     * pool connects with (for HikariCP {@code getJdbcUrl()} and {@code getDataSourceProperties()}); credentials need
     * not be among them. They name the meters and the cluster the meters read, as
     * {@link RwSplitDriver#clusterStats(String, Properties)} finds it. The pool is the meters' state object, held as
     * weakly as a data source is.
     */
    public static RwSplitMeterBinder forPool(DataSource pool, String url, Properties properties) {
        Properties copy = new Properties();
        if (properties != null) {
            copy.putAll(properties);
        }
        return new RwSplitMeterBinder(pool, unused -> poolStats(url, copy), () -> RwSplitUrl.parse(url, copy));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        ClusterConfig config = configuration();
        String cluster = config.clusterName();
        Meters meters = new Meters(registry, source, new LastStats(reader));
        for (HostSpec host : config.hosts()) {
            String node = host.toString();
            Tags tags = Tags.of("cluster", cluster, "node", node, "role", host.equals(config.primary()) ? "primary"
                    : "replica");
            meters.counter("rwsplit.node.reads", "Statements this node served as reads", tags, node, NodeStats::reads);
            meters.counter("rwsplit.node.writes", "Statements this node served as writes", tags, node,
                    NodeStats::writes);
            meters.counter("rwsplit.node.errors", "Connection errors while statements ran on this node", tags, node,
                    NodeStats::errors);
            meters.counter("rwsplit.node.retries", "Reads that failed here and were retried on another node", tags,
                    node, NodeStats::retries);
            for (FallbackReason reason : FallbackReason.values()) {
                meters.counter("rwsplit.node.fallbacks", "Reads this node served instead of a replica, by reason",
                        tags.and("reason", reasonTag(reason)), node, stats -> stats.fallbacks(reason));
            }
            meters.lag(tags, node);
            for (String state : STATES) {
                meters.gauge("rwsplit.node.state", "1 for the node's current state, 0 for the others",
                        tags.and("state", state), node, s -> s.state().equals(state) ? 1 : 0);
            }
            meters.gauge("rwsplit.node.primary", "1 while the node is the primary (it can change under"
                    + " primaryDiscovery), else 0", tags, node, s -> s.role().equals("primary") ? 1 : 0);
            meters.gauge("rwsplit.node.connections.borrowed", "Physical connections in use", tags, node,
                    NodeStats::borrowed);
            meters.gauge("rwsplit.node.connections.idle", "Physical connections idle in the node's pool", tags, node,
                    NodeStats::idle);
        }
        Tags clusterTags = Tags.of("cluster", cluster);
        meters.clusterCounter("rwsplit.classifier.parser.calls",
                "Statements the lexical classifier handed to the SQL parser", clusterTags, ClusterStats::parserCalls);
        meters.clusterCounter("rwsplit.classifier.parse.failures",
                "Statements nobody understood; they went to the primary", clusterTags, ClusterStats::parseFailures);
        meters.clusterCounter("rwsplit.optimistic.started", "Read-write transactions that began on a replica",
                clusterTags, stats -> stats.optimistic().started());
        meters.clusterCounter("rwsplit.optimistic.ended.on.replica",
                "Optimistic transactions that ended on their replica without needing the primary", clusterTags,
                stats -> stats.optimistic().endedOnReplica());
        meters.clusterCounter("rwsplit.optimistic.moved",
                "Optimistic transactions that moved to the primary with their reads verified equal", clusterTags,
                stats -> stats.optimistic().moved());
        meters.clusterCounter("rwsplit.optimistic.refused",
                "Optimistic transactions rolled back with SQLState 40001: a read differed on the primary",
                clusterTags, stats -> stats.optimistic().refused());
        if (config.get(Options.ROUTING) == RoutingMode.SHADOW) {
            for (HostSpec host : config.hosts()) {
                String node = host.toString();
                meters.clusterCounter("rwsplit.shadow.statements", "Statements that would have run on this node "
                        + "(shadow mode: all ran on the primary)", clusterTags.and("node", node),
                        stats -> stats.shadow().wouldRunOn(node));
            }
            for (PrimaryReason reason : PrimaryReason.values()) {
                meters.clusterCounter("rwsplit.shadow.primary", "Statements that would have stayed on the primary,"
                        + " by reason (shadow mode)", clusterTags.and("reason", reason.name().toLowerCase(Locale.ROOT)),
                        stats -> stats.shadow().primary(reason));
            }
        }
    }

    /** The tag value of a reason: the enum name in lower case, {@code no_replica}, {@code read_your_writes}, ... */
    public static String reasonTag(FallbackReason reason) {
        return reason.name().toLowerCase(Locale.ROOT);
    }

    private ClusterConfig configuration() {
        try {
            return naming.configuration();
        } catch (SQLException e) {
            throw new IllegalStateException("rwsplit: cannot name the meters of " + source + ": " + e.getMessage(), e);
        }
    }

    private static ClusterStats dataSourceStats(Object dataSource) {
        try {
            return ((RwSplitDataSource) dataSource).getClusterStats();
        } catch (IllegalStateException notConnected) {
            return null;
        }
    }

    private static ClusterStats poolStats(String url, Properties properties) {
        try {
            return RwSplitDriver.clusterStats(url, properties).orElse(null);
        } catch (SQLException unreachable) {
            // bindTo parsed the same URL and properties before any meter could read them.
            return null;
        }
    }

    /** The configuration the meters are named from, read when they are bound. */
    @FunctionalInterface
    private interface Naming {
        ClusterConfig configuration() throws SQLException;
    }

    /**
     * Registers meters whose state object is the data source or pool and whose functions read it through
     * {@link LastStats}. Each method copies {@code stats} to a local before building a function: a lambda that read the
     * field would capture this record, and with it the source, which Micrometer must hold only weakly.
     */
    private record Meters(MeterRegistry registry, Object source, LastStats stats) {
        void counter(String name, String description, Tags tags, String node, ToDoubleFunction<NodeStats> figure) {
            LastStats figures = stats;
            FunctionCounter.builder(name, source, state -> figures.node(state, node, figure, 0))
                    .description(description).tags(tags).register(registry);
        }

        void gauge(String name, String description, Tags tags, String node, ToDoubleFunction<NodeStats> figure) {
            LastStats figures = stats;
            Gauge.builder(name, source, state -> figures.node(state, node, figure, Double.NaN))
                    .description(description).tags(tags).register(registry);
        }

        void lag(Tags tags, String node) {
            LastStats figures = stats;
            TimeGauge.builder("rwsplit.node.lag", source, TimeUnit.MILLISECONDS,
                            state -> figures.node(state, node,
                                    s -> s.lagMillis() < 0 ? Double.NaN : s.lagMillis(), Double.NaN))
                    .description("Last measured replication lag; NaN when unknown or not a replica")
                    .tags(tags).register(registry);
        }

        void clusterCounter(String name, String description, Tags tags, ToDoubleFunction<ClusterStats> figure) {
            LastStats figures = stats;
            FunctionCounter.builder(name, source, state -> figures.cluster(state, figure))
                    .description(description).tags(tags).register(registry);
        }
    }
}
