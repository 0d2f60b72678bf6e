package io.github.rwsplit.internal.cluster;

import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.RwSplitUrl;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A {@link Cluster} of in-memory nodes for routing tests: no server, no pool, no monitor thread.
 *
 * <pre>{@code
 * try (StubCluster stubs = StubCluster.of("jdbc:rwsplit:mysql://p,r1,r2/app?retryReads=true")) {
 *     Cluster cluster = stubs.cluster();              // started-looking: every node up, replicas at lag 0
 *     stubs.node("r1").failNext(StubFailures.communicationsFailure());
 *     stubs.node("r2").lagging(9000);
 *     ... route a read through cluster ...
 *     assertEquals(List.of("SELECT 1"), stubs.node("p").executed());
 *     assertEquals(List.of("r1: SELECT 1", "p: SELECT 1"), stubs.executed());
 * }
 * }</pre>
 *
 * <p>The URL is parsed as the driver parses it, so every option applies (readFromPrimary, maxReplicationLag,
 * readYourWrites, ...). Nodes are named by host as the URL gives them ({@link #node(String)}); {@link #primary()} is
 * the current primary and {@link #replicas()} the replicas in URL order. Every node starts up, its flavor known as
 * MariaDB (so read-your-writes uses {@code MASTER_GTID_WAIT} and GTIDs such as {@code 0-1-7}), its borrowed
 * connections {@link StubConnection}s. What a node does and what it saw is scripted and read on its {@link StubNode};
 * {@link StubFailures} builds the failures worth scripting. Nothing changes a node's health unless the test says so
 * (through a StubNode, or through the cluster as routing would: {@link Cluster#reportConnectionFailure} makes a
 * replica suspect; no check follows).
 */
public final class StubCluster implements AutoCloseable {
    private final ClusterConfig config;
    private final Cluster cluster;
    private final Map<Node, StubNode> stubs = new IdentityHashMap<>();
    private final List<String> executed = new ArrayList<>();
    private long gtidSequence;
    private int lastWriterId;
    /** MySQL only: the uuid (and tag) of the GTIDs writes get, or "" when the servers assign none; null for MariaDB. */
    private String mysqlSource;

    private StubCluster(ClusterConfig config) {
        this.config = config;
        this.cluster = new Cluster(config, node -> stubs.get(node).source(), false);
        List<Node> nodes = cluster.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            node.knownFlavor(ServerFlavor.MARIADB);
            StubNode stub = new StubNode(this, node, i + 1);
            stubs.put(node, stub);
            stub.up();
        }
    }

    /** A cluster from a URL such as {@code jdbc:rwsplit:mysql://p,r1,r2/app?loadBalance=random}. */
    public static StubCluster of(String url) {
        return of(url, new Properties());
    }

    /** A cluster from a URL and connection properties, as {@code DriverManager.getConnection(url, info)} gets them. */
    public static StubCluster of(String url, Properties info) {
        try {
            return new StubCluster(RwSplitUrl.parse(url, info));
        } catch (SQLException e) {
            throw new IllegalArgumentException("not a usable rwsplit URL: " + url, e);
        }
    }

    /** The cluster routing works with. */
    public Cluster cluster() {
        return cluster;
    }

    public ClusterConfig config() {
        return config;
    }

    /** The current primary. */
    public StubNode primary() {
        return node(cluster.primary());
    }

    /** The replicas, in URL order. */
    public List<StubNode> replicas() {
        List<StubNode> replicas = new ArrayList<>();
        for (Node replica : cluster.replicas()) {
            replicas.add(node(replica));
        }
        return replicas;
    }

    /** Every node, primary first, in URL order. */
    public List<StubNode> nodes() {
        List<StubNode> all = new ArrayList<>();
        for (Node node : cluster.nodes()) {
            all.add(node(node));
        }
        return all;
    }

    /** The node with this host name (as in the URL, port optional: {@code "r1"} or {@code "r1:3306"}). */
    public StubNode node(String host) {
        for (Node node : cluster.nodes()) {
            if (node.host().host().equals(host) || node.host().toString().equals(host)) {
                return node(node);
            }
        }
        throw new IllegalArgumentException("no node " + host + " in " + cluster.nodes());
    }

    /** The stub behind one of the cluster's nodes. */
    public StubNode node(Node node) {
        StubNode stub = stubs.get(node);
        if (stub == null) {
            throw new IllegalArgumentException(node + " is not a node of this stub cluster");
        }
        return stub;
    }

    /** Every SQL text executed on any node, in order, as {@code "<host>: <sql>"}. */
    public synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    /** Forgets every node's records (not its script). */
    public void clearRecords() {
        synchronized (this) {
            executed.clear();
        }
        stubs.values().forEach(StubNode::clearRecords);
    }

    /**
     * Makes every node a MySQL server whose writes get GTIDs of {@code source}: a server uuid, or {@code uuid:tag} for
     * the tagged GTIDs of MySQL 8.3+. Read-your-writes then waits with {@code WAIT_FOR_EXECUTED_GTID_SET}.
     */
    public StubCluster mysql(String source) {
        synchronized (this) {
            mysqlSource = source;
        }
        stubs.keySet().forEach(node -> node.knownFlavor(ServerFlavor.MYSQL));
        return this;
    }

    /** Makes every node a MySQL server with {@code gtid_mode=OFF}: writes get no GTID, as the server reports. */
    public StubCluster mysqlWithoutGtids() {
        mysql("");
        stubs.values().forEach(stub -> stub.answer("@@global.gtid_mode", "OFF"));
        return this;
    }

    /** The GTID the last write was given, in its server's notation, or null before any. */
    public synchronized String lastGtid() {
        if (gtidSequence == 0) {
            return null;
        }
        return mysqlSource == null ? "0-" + lastWriterId + "-" + gtidSequence : mysqlSource + ":" + gtidSequence;
    }

    synchronized GtidSet nextGtid(StubNode writer) {
        if ("".equals(mysqlSource)) {
            return GtidSet.EMPTY;
        }
        gtidSequence++;
        lastWriterId = writer.serverId();
        return GtidSet.parse(lastGtid());
    }

    synchronized void recordExecuted(StubNode node, String sql) {
        executed.add(node.name() + ": " + sql);
    }

    String database() {
        return config.database();
    }

    @Override
    public void close() {
        cluster.close();
    }
}
