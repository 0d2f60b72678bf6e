package io.github.rwsplit.internal.cluster;

import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.HostSpec;
import io.github.rwsplit.internal.config.LagSource;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.internal.config.ReadAffinity;
import io.github.rwsplit.internal.config.ReadFromPrimary;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.metrics.ShadowStats;
import io.github.rwsplit.metrics.OptimisticStats;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary and its replicas, shared by every logical connection opened with the same URL and credentials: the nodes'
 * pools, the health monitor, the balancer, and the current {@link Topology}.
 */
public final class Cluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    private static final String SQLSTATE_AUTHENTICATION = "28000";

    private final ClusterConfig config;
    private final List<Node> nodes;
    private final boolean discoverPrimary;
    /** The writable nodes while more than one claims to be primary (primaryDiscovery); empty otherwise. */
    private volatile List<Node> splitBrain = List.of();
    private final ReplicaBalancer balancer;
    private final ReadFromPrimary readFromPrimary;
    private final boolean keepsReaders;
    private final HealthMonitor monitor;
    private volatile Topology topology;
    private boolean replicaUsable = true;

    public Cluster(ClusterConfig config) {
        this(config, null, true);
    }

    /**
     * @param sources   each node's connection source; null for HikariCP pools opened on first borrow
     * @param monitored whether a health monitor checks the nodes; without one, node states change only when told
     *                  (in-memory test clusters)
     */
    Cluster(ClusterConfig config, Function<Node, ConnectionSource> sources, boolean monitored) {
        this.config = config;
        Function<Node, ConnectionSource> sourceOf = sources != null ? sources : this::openPool;
        Duration downAfter = config.get(Options.DOWN_AFTER);
        this.readFromPrimary = config.get(Options.READ_FROM_PRIMARY);
        this.keepsReaders = config.get(Options.READ_AFFINITY) == ReadAffinity.CONNECTION;
        List<Integer> weights = config.get(Options.REPLICA_WEIGHTS);
        this.discoverPrimary = config.get(Options.PRIMARY_DISCOVERY);
        List<Node> all = new ArrayList<>();
        all.add(new Node(config.primary(), NodeRole.PRIMARY, 1, sourceOf, new Liveness(downAfter, System::nanoTime)));
        for (int i = 0; i < config.replicas().size(); i++) {
            HostSpec host = config.replicas().get(i);
            int weight = weights.isEmpty() ? 1 : weights.get(i);
            all.add(new Node(host, NodeRole.REPLICA, weight, sourceOf, new Liveness(downAfter, System::nanoTime)));
        }
        this.nodes = List.copyOf(all);
        this.balancer = ReplicaBalancer.of(config.get(Options.LOAD_BALANCE));
        this.topology = buildTopology();
        this.monitor = new HealthMonitor(this, monitored ? probes(config) : List.of(),
                config.get(Options.MONITOR_INTERVAL).toMillis(), checkTimeoutMillis(config));
    }

    /**
     * Runs the first health round and starts the monitor.
     *
     * @throws SQLException when no node answers, or the primary rejects the credentials
     */
    public void start() throws SQLException {
        if (nodes.size() == 1) {
            log.warn("rwsplit[{}]: the URL names no replica; every statement goes to the primary {}", name(),
                    nodes.get(0).host());
        }
        monitor.start();
        SQLException primaryFailure = monitor.probe(primary()).lastFailure();
        if (primaryFailure != null && SQLSTATE_AUTHENTICATION.equals(primaryFailure.getSQLState())) {
            throw primaryFailure;
        }
        // Suspect is no answer either: a cluster none of whose nodes answered its first round is not worth starting.
        boolean anyAnswered = nodes.stream().anyMatch(node -> node.health().status() == NodeStatus.UP
                || node.health().status() == NodeStatus.LAGGING);
        if (!anyAnswered) {
            StringBuilder why = new StringBuilder("rwsplit: no node of cluster ").append(name()).append(" answers:");
            for (Node node : nodes) {
                why.append(' ').append(node).append(": ").append(node.health().detail()).append(';');
            }
            why.setLength(why.length() - 1);
            throw new SQLNonTransientConnectionException(why.toString(), "08001", primaryFailure);
        }
    }

    public String name() {
        return config.clusterName();
    }

    public ClusterConfig config() {
        return config;
    }

    /** The current primary: the URL's first host, or under primaryDiscovery the node the servers say is primary. */
    public Node primary() {
        return topology.primary();
    }

    public List<Node> replicas() {
        return topology.replicas();
    }

    /** The nodes that all accept writes while neither replicates (split brain); empty when there is one primary. */
    public List<Node> splitBrain() {
        return splitBrain;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public Topology topology() {
        return topology;
    }

    public ReplicaBalancer balancer() {
        return balancer;
    }

    public ReadFromPrimary readFromPrimary() {
        return readFromPrimary;
    }

    /** Whether a logical connection keeps the replica its reads were given (readAffinity=connection). */
    public boolean keepsReaders() {
        return keepsReaders;
    }

    /**
     * A statement failed on this node with a connection error (not a timeout or a cancel). A replica leaves read
     * rotation at once; either way the node is checked now, so a healthy node with one broken connection is back within
     * a round trip, and only the check decides whether the primary is down. A saturated pool is no connection failure
     * and is ignored here.
     */
    public void reportConnectionFailure(Node node, SQLException failure) {
        if (failure instanceof NodeSaturatedException) {
            return;
        }
        node.counters().error();
        synchronized (this) {
            publish(node, node.liveness().failedInUse(node.health(), node.role(),
                    NodeProbe.firstLine(failure.getMessage())));
        }
        monitor.checkSoon(node);
    }

    /** A check answered: its verdict stands and the node's silence is forgotten. */
    synchronized void answered(Node node, NodeHealth verdict) {
        node.answeredAt(System.nanoTime());
        publish(node, node.liveness().answered(verdict));
    }

    /** Connecting to the node failed outright: it is down. */
    synchronized void refused(Node node, String why) {
        publish(node, node.liveness().refused(why));
    }

    /**
     * A check went unanswered. A replica's connections in use are aborted, so reads blocked on a hung server fail and
     * can go elsewhere; the primary's never are: its statements (a COMMIT among them) wait as they would on a plain
     * connection, and a stall is no reason to leave a transaction's outcome unknown.
     */
    synchronized void missed(Node node, String why) {
        publish(node, node.liveness().missed(node.health(), why));
        if (!node.isPrimary()) {
            node.abortInUse(monitor::runAsync);
        }
    }

    /** Publishes a node's new verdict; logs and rebuilds the topology only when its status changed. */
    private void publish(Node node, NodeHealth health) {
        NodeHealth before = node.health();
        node.health(health);
        if (health.sameStatus(before)) {
            return;
        }
        switch (health.status()) {
            case UP -> log.info("rwsplit[{}]: {} is up{}", name(), node,
                    before.status() == NodeStatus.DOWN || before.status() == NodeStatus.SUSPECT ? " again" : "");
            case LAGGING -> log.info("rwsplit[{}]: {} gets no reads: {}", name(), node, health.detail());
            case SUSPECT -> log.info("rwsplit[{}]: {} is suspect{}: {}", name(), node,
                    node.isPrimary() ? " (it still takes writes)" : " (no reads until it answers)", health.detail());
            case DOWN -> log.info("rwsplit[{}]: {} is down: {}", name(), node, health.detail());
        }
        if (health.status() == NodeStatus.DOWN) {
            node.wentDown();
        }
        topology = buildTopology();
        reportReplicaAvailability();
    }

    /**
     * Sets a node's health as given, outside any check (in-memory test clusters). Logs and rebuilds the topology as a
     * check's verdict would, but aborts nothing.
     */
    synchronized void force(Node node, NodeHealth health) {
        publish(node, health);
    }

    private Topology buildTopology() {
        Node primary = null;
        List<Node> replicas = new ArrayList<>();
        for (Node node : nodes) {
            if (node.isPrimary()) {
                primary = node;
            } else {
                replicas.add(node);
            }
        }
        return new Topology(primary, List.copyOf(replicas), readFromPrimary == ReadFromPrimary.ALWAYS);
    }

    /**
     * primaryDiscovery, after each monitor round: the primary is the one answering node that accepts writes and does
     * not replicate. A promotion moves writes there; two such nodes are a split brain and refuse writes, naming both,
     * until one of them is read-only. rwsplit never promotes a node itself.
     */
    synchronized void resolvePrimary() {
        if (!discoverPrimary) {
            return;
        }
        List<Node> candidates = new ArrayList<>();
        for (Node node : nodes) {
            RoleObservation observed = node.observedRole();
            if (observed != null && observed.canBePrimary() && node.health().status() != NodeStatus.DOWN) {
                candidates.add(node);
            }
        }
        if (candidates.size() > 1) {
            if (!candidates.equals(splitBrain)) {
                log.warn("rwsplit[{}]: split brain: {} all accept writes and none replicates; writes are refused until"
                        + " all but one are read-only", name(), candidates);
            }
            splitBrain = List.copyOf(candidates);
            return;
        }
        if (!splitBrain.isEmpty()) {
            log.info("rwsplit[{}]: split brain resolved", name());
            splitBrain = List.of();
        }
        if (candidates.size() == 1 && candidates.get(0) != primary()) {
            Node promoted = candidates.get(0);
            Node previous = primary();
            for (Node node : nodes) {
                node.role(node == promoted ? NodeRole.PRIMARY : NodeRole.REPLICA);
            }
            // Its verdict was judged as a replica's ("not replicating"); as the primary it is simply up.
            promoted.health(NodeHealth.up(-1));
            log.warn("rwsplit[{}]: the primary is now {} (was {})", name(), promoted.host(), previous.host());
            topology = buildTopology();
            reportReplicaAvailability();
        }
    }

    private void reportReplicaAvailability() {
        if (nodes.size() == 1) {
            return;
        }
        boolean usable = topology.anyReplicaUsable();
        if (usable == replicaUsable) {
            return;
        }
        replicaUsable = usable;
        if (usable) {
            log.info("rwsplit[{}]: a replica is usable again; reads leave the primary", name());
        } else if (readFromPrimary == ReadFromPrimary.NEVER) {
            log.warn("rwsplit[{}]: no replica is usable; reads fail until one is back (readFromPrimary=never)", name());
        } else {
            log.warn("rwsplit[{}]: no replica is usable; reads go to the primary", name());
        }
    }

    /** A snapshot of every node's figures. */
    public ClusterStats stats(long parserCalls, long parseFailures, OptimisticStats optimistic,
                              ShadowStats shadow) {
        List<NodeStats> figures = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            NodeHealth health = node.health();
            figures.add(new NodeStats(node.host().toString(), node.role().label(), health.status().label(),
                    health.detail(), health.lagMillis(), node.counters().reads(), node.counters().writes(),
                    node.counters().errors(), node.counters().retries(), node.counters().fallbacks(),
                    node.activeConnections(), node.idleConnections()));
        }
        return new ClusterStats(name(), figures, parserCalls, parseFailures, optimistic, shadow);
    }

    @Override
    public void close() {
        monitor.close();
        for (Node node : nodes) {
            node.close();
        }
        log.info("rwsplit[{}]: closed", name());
    }

    /**
     * Opens a node's pool on its first borrow. By then the first health round has told MySQL from MariaDB, which
     * decides how sessions report their GTIDs for read-your-writes.
     */
    private ConnectionSource openPool(Node node) {
        String tracking = null;
        if (config.get(Options.READ_YOUR_WRITES)) {
            for (Node any : nodes) {
                if (any.knownFlavor() != null) {
                    tracking = any.knownFlavor().enableTracking();
                    break;
                }
            }
        }
        return NodePools.open(config, node.host(), tracking);
    }

    private List<NodeProbe> probes(ClusterConfig config) {
        long timeout = checkTimeoutMillis(config);
        Properties properties = NodePools.connectorProperties(config);
        properties.setProperty("connectTimeout", Long.toString(timeout));
        properties.setProperty("socketTimeout", Long.toString(timeout));
        LagPolicy lag = new LagPolicy(config.get(Options.MAX_REPLICATION_LAG).toMillis(), heartbeat(config));
        List<NodeProbe> probes = new ArrayList<>();
        for (Node node : nodes) {
            probes.add(new NodeProbe(node, config.connectorUrl(node.host()), properties, lag,
                    config.get(Options.READ_YOUR_WRITES), config.get(Options.PRIMARY_DISCOVERY)));
        }
        return probes;
    }

    private static Heartbeat heartbeat(ClusterConfig config) {
        LagSource source = config.get(Options.LAG_SOURCE);
        boolean useHeartbeat = source == LagSource.HEARTBEAT
                || source == LagSource.AUTO && config.isSet(Options.HEARTBEAT_TABLE);
        return useHeartbeat ? new Heartbeat(config.clusterName(), config.get(Options.HEARTBEAT_TABLE)) : null;
    }

    /**
     * How long one check may take before its node counts as hung: one interval, at least a second (a loaded but
     * healthy server answers a ping well within that) and at most five (beyond that, reads would wait too long).
     */
    private static long checkTimeoutMillis(ClusterConfig config) {
        return Math.max(1_000, Math.min(5_000, config.get(Options.MONITOR_INTERVAL).toMillis()));
    }
}
