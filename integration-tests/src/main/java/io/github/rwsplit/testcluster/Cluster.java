package io.github.rwsplit.testcluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The servers of one cluster and the replication between them; the backend only supplies servers. */
final class Cluster implements ReplicationCluster {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);

    private final ServerLauncher launcher;
    private final ClusterAccounts accounts;
    private final Node primary;
    private final List<Node> replicas;
    private final List<Node> nodes;
    private final Thread shutdownHook = new Thread(this::close, "rwsplit-cluster-shutdown");
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ServerVersion serverVersion;

    private Cluster(ServerLauncher launcher, ClusterAccounts accounts, Node primary, List<Node> replicas) {
        this.launcher = launcher;
        this.accounts = accounts;
        this.primary = primary;
        this.replicas = List.copyOf(replicas);
        List<Node> all = new ArrayList<>();
        all.add(primary);
        all.addAll(replicas);
        this.nodes = List.copyOf(all);
    }

    static Cluster start(ClusterBackend backend, int replicaCount, List<String> serverOptions) {
        if (replicaCount < 0) {
            throw new IllegalArgumentException("a cluster cannot have " + replicaCount + " replicas");
        }
        if (!serverOptions.isEmpty() && backend != ClusterBackend.EMBEDDED) {
            throw new IllegalArgumentException("server options " + serverOptions + " need the embedded backend, not "
                    + backend);
        }
        long started = System.nanoTime();
        log.info("Starting a cluster of a primary and {} replica(s), backend: {}", replicaCount, backend);
        ServerLauncher launcher = switch (backend) {
            case EMBEDDED -> EmbeddedMariaDb.prepare(serverOptions);
            // Only this branch loads Testcontainers, so the default run never looks for Docker.
            case TESTCONTAINERS -> MySqlContainers.prepare();
        };
        log.info("Prepared {} in {} ms", launcher.description(), millisSince(started));
        Cluster cluster;
        try {
            ReplicationDialect dialect = launcher.dialect();
            ClusterAccounts accounts = new ClusterAccounts();
            Node primary = new Node("primary", 1, false, launcher.create("primary", 1), dialect, accounts);
            List<Node> replicas = new ArrayList<>();
            for (int i = 1; i <= replicaCount; i++) {
                String name = "replica" + i;
                replicas.add(new Node(name, i + 1, true, launcher.create(name, i + 1), dialect, accounts));
            }
            cluster = new Cluster(launcher, accounts, primary, replicas);
        } catch (RuntimeException e) {
            launcher.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.boot();
        } catch (RuntimeException e) {
            try {
                cluster.close();
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        log.info("Cluster ready in {} ms: {} on {} (schema {}, application user {})",
                millisSince(started), cluster.serverVersion(), cluster.hostList(), cluster.database(), cluster.appUser());
        return cluster;
    }

    private void boot() {
        long started = System.nanoTime();
        inParallel("starting", nodes, Node::start);
        for (Node node : nodes) {
            String version = node.version();
            if (node == primary) {
                serverVersion = ServerVersion.parse(version);
            }
            log.info("{}: {} on {}:{}, server_id={} ({})", node.name(), version, node.host(), node.port(),
                    node.serverId(), node.describeProcess());
        }
        log.info("Started {} servers in {} ms", nodes.size(), millisSince(started));
        // Whatever a server's own initialisation logged must not replicate.
        nodes.forEach(Node::clearBinaryLogs);
        primary.becomePrimary();
        primary.execute("creating the accounts", accounts.creationStatements(launcher.dialect())
                .toArray(String[]::new));
        log.info("Application user {}: {} on {}.*, {} on *.*; replication user {}",
                appUser(), String.join(", ", ClusterAccounts.APP_SCHEMA_PRIVILEGES), database(),
                launcher.dialect().monitorPrivilege(), accounts.replication().user());
        // From the beginning of the primary's binary log, so the accounts replicate too.
        replicas.forEach(replica -> replica.resyncFrom(primary, ""));
        primary.execute("creating the test schema", createSchema());
        if (replicas.isEmpty()) {
            return;
        }
        long syncStarted = System.nanoTime();
        String position = await(replicas, SYNC_TIMEOUT);
        log.info("Replication verified: {} applied the primary's GTID position {} (accounts and schema) in {} ms",
                names(replicas), position, millisSince(syncStarted));
    }

    @Override
    public ClusterNode primary() {
        return primary;
    }

    @Override
    public List<ClusterNode> replicas() {
        return List.copyOf(replicas);
    }

    @Override
    public List<ClusterNode> nodes() {
        return List.copyOf(nodes);
    }

    @Override
    public ClusterNode nodeByServerId(long serverId) {
        return nodes.stream()
                .filter(node -> node.serverId() == serverId)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node has server_id " + serverId + "; the nodes are "
                        + nodes.stream().map(node -> node.name() + "=" + node.serverId())
                                .collect(Collectors.joining(", "))));
    }

    @Override
    public ServerVersion serverVersion() {
        return serverVersion;
    }

    @Override
    public String database() {
        return ClusterAccounts.DATABASE;
    }

    @Override
    public String appUser() {
        return accounts.app().user();
    }

    @Override
    public String appPassword() {
        return accounts.app().password();
    }

    @Override
    public String rwsplitUrl(String... options) {
        List<String> parameters = new ArrayList<>(List.of(options));
        if (parameters.stream().noneMatch(option -> option.startsWith("clusterLinger="))) {
            // Tests count server connections and threads: a cluster left lingering by an earlier test would skew them.
            parameters.add("clusterLinger=0");
        }
        parameters.add("user=" + appUser());
        parameters.add("password=" + appPassword());
        return "jdbc:rwsplit:mysql://" + hostList() + "/" + database() + "?" + String.join("&", parameters);
    }

    @Override
    public String hostList() {
        return nodes.stream().map(node -> node.host() + ":" + node.port()).collect(Collectors.joining(","));
    }

    @Override
    public void awaitReplication(Duration timeout) {
        await(replicas.stream().filter(Cluster::applies).toList(), timeout);
    }

    /** Whether a replica is up and applies events, so that waiting for it makes sense. */
    private static boolean applies(Node replica) {
        if (!replica.isRunning() || replica.isFrozen()) {
            log.debug("Not waiting for {}: it is {}", replica.name(), replica.isRunning() ? "frozen" : "down");
            return false;
        }
        Optional<ReplicaStatus> status = replica.replicaStatus();
        if (status.isPresent() && status.get().applierFailed()) {
            throw new ClusterException(replica.name() + ": replication stopped on an error: " + status.get());
        }
        if (status.isEmpty() || !status.get().applying()) {
            log.debug("Not waiting for {}: it does not apply replication events", replica.name());
            return false;
        }
        return true;
    }

    /** Waits until each of {@code targets} has applied the primary's current position, and returns it. */
    private String await(List<Node> targets, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String position = primary.gtidPosition();
        for (Node replica : targets) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!replica.awaitGtidPosition(position, left)) {
                throw new ClusterException(replica.name() + " did not apply the primary's GTID position " + position
                        + " within " + timeout.toMillis() + " ms; "
                        + replica.replicaStatus().map(ReplicaStatus::toString).orElse("it replicates from nowhere"));
            }
        }
        return position;
    }

    @Override
    public synchronized void reset() {
        if (closed.get()) {
            throw new IllegalStateException("the cluster is closed");
        }
        long started = System.nanoTime();
        inParallel("healing", nodes, Node::heal);
        int sessions = nodes.stream().mapToInt(Node::endApplicationSessions).sum();
        // Replicas stop first, so that nothing replicated lands in the schema after it is dropped.
        replicas.forEach(Node::stopReplicationIfAny);
        primary.becomePrimary();
        nodes.forEach(Node::dropTestSchemaLocally);
        String position = primary.gtidPosition();
        // Every replica starts again exactly at the primary's position, whatever it applied, missed or
        // wrote itself before: faults and promotions leave no divergence behind.
        replicas.forEach(replica -> replica.resyncFrom(primary, position));
        primary.execute("creating the test schema", createSchema());
        await(replicas, SYNC_TIMEOUT);
        log.info("Reset the cluster in {} ms: all nodes up, {} replicate from the primary, empty schema {}"
                        + " (ended {} application session(s))",
                millisSince(started), names(replicas), database(), sessions);
    }

    @Override
    public void close() {
        // Not synchronized: the shutdown hook must stop the servers even while a test thread is stuck in reset().
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // This is the hook running.
        }
        for (Node node : nodes) {
            try {
                node.destroy();
            } catch (RuntimeException e) {
                log.warn("Could not stop {}: {}", node.name(), e.toString());
            }
        }
        launcher.close();
        log.info("Stopped the cluster and deleted its data");
    }

    private String createSchema() {
        return "CREATE DATABASE `" + ClusterAccounts.DATABASE + "` CHARACTER SET utf8mb4";
    }

    /** Runs {@code action} on every node at once (servers start in seconds each), and fails if any failed. */
    private static void inParallel(String what, List<Node> targets, Consumer<Node> action) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, targets.size()), task -> {
            Thread thread = new Thread(task, "rwsplit-cluster-" + what + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (Node node : targets) {
                runs.add(pool.submit(() -> action.accept(node)));
            }
            ClusterException failure = null;
            for (int i = 0; i < runs.size(); i++) {
                try {
                    runs.get(i).get();
                } catch (ExecutionException e) {
                    ClusterException cause = e.getCause() instanceof ClusterException clusterException
                            ? clusterException
                            : new ClusterException(targets.get(i).name() + ": " + what + " failed: " + e.getCause(),
                                    e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterException("interrupted while " + what, e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String names(List<Node> group) {
        return group.stream().map(Node::name).collect(Collectors.joining(", "));
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }
}
