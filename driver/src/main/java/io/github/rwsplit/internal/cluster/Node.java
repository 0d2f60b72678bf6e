package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import io.github.rwsplit.internal.config.HostSpec;
import io.github.rwsplit.internal.cluster.NodeCounters;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/** One server of the cluster: its pool, its last health verdict and its counters. */
public final class Node {
    /** How often a waiting borrower looks again at why it is waiting. */
    private static final long BORROW_SLICE_MILLIS = 250;

    private final HostSpec host;
    /** Fixed unless primaryDiscovery is on, when the monitor reassigns roles from what the servers say. */
    private volatile NodeRole role;
    private volatile RoleObservation observedRole;
    private final int weight;
    private final Function<Node, NodePools.Opened> poolFactory;
    /** Opened on first use, once the first health round has learnt what the servers are (MySQL or MariaDB). */
    private volatile HikariDataSource pool;
    private volatile boolean gtidsInOkPackets;
    private volatile boolean closed;
    /** Whether any physical session of this node ever carried session settings: if not, borrows skip the lookup. */
    private volatile boolean everTagged;
    private final NodeCounters counters = new NodeCounters();
    private final Set<PhysicalConnection> borrowed = ConcurrentHashMap.newKeySet();
    /** Weak keys: what rwsplit knows of a physical session must not keep it alive after the pool closed it. */
    private final Map<JdbcConnection, PhysicalState> physicalStates = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile ServerFlavor flavor;
    private volatile GtidSet applied = GtidSet.EMPTY;
    private volatile Boolean assignsGtids;
    private volatile long missedCatchUpNanos;
    private volatile NodeHealth health = NodeHealth.UNCHECKED_UP;
    private volatile long latencyNanos;
    private volatile int defaultIsolation = Connection.TRANSACTION_REPEATABLE_READ;

    Node(HostSpec host, NodeRole role, int weight, Function<Node, NodePools.Opened> poolFactory) {
        this.host = host;
        this.role = role;
        this.weight = weight;
        this.poolFactory = poolFactory;
    }

    public HostSpec host() {
        return host;
    }

    public NodeRole role() {
        return role;
    }

    public boolean isPrimary() {
        return role == NodeRole.PRIMARY;
    }

    void role(NodeRole role) {
        this.role = role;
    }

    /** What the server last said about its own role; null until observed (primaryDiscovery only). */
    RoleObservation observedRole() {
        return observedRole;
    }

    void observedRole(RoleObservation observation) {
        this.observedRole = observation;
    }

    /** Relative share of reads (replicaWeights); 0 means this node never serves reads. */
    public int weight() {
        return weight;
    }

    public NodeHealth health() {
        return health;
    }

    void health(NodeHealth health) {
        this.health = health;
    }

    public NodeCounters counters() {
        return counters;
    }

    /** Physical connections currently borrowed from this node through rwsplit. */
    public int inUse() {
        return borrowed.size();
    }

    /** Smoothed response time of statements here (leastLatency); 0 until measured. */
    public long latencyNanos() {
        return latencyNanos;
    }

    /** Folds one observed response time into the moving average (weight 1/8, as TCP's SRTT does). */
    public void recordLatency(long nanos) {
        long current = latencyNanos;
        latencyNanos = current == 0 ? nanos : current + ((nanos - current) >> 3);
    }

    /**
     * Borrows a connection from this node's pool, waiting at most pool.connectionTimeout. The wait is cut short when
     * the pool's attempts to connect are failing (the server refuses connections) or the monitor finds the node down
     * (it hangs): a busy pool is worth waiting for, a dead server is not.
     *
     * @throws SQLException SQLState 08001 naming the node when no connection can be had
     */
    public PhysicalConnection borrow() throws SQLException {
        HikariDataSource pool = pool();
        HikariPool hikari = (HikariPool) pool.getHikariPoolMXBean();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pool.getConnectionTimeout());
        Connection pooled;
        while (true) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                pooled = hikari.getConnection(Math.max(1, Math.min(BORROW_SLICE_MILLIS, remaining)));
                break;
            } catch (SQLException e) {
                boolean refused = e.getCause() instanceof SQLException cause
                        && ConnectionFailures.isConnectionFailure(cause);
                if (refused || remaining <= BORROW_SLICE_MILLIS || health.status() == NodeStatus.DOWN) {
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    throw new SQLTransientConnectionException("rwsplit: cannot get a connection to " + this + ": "
                            + (health.status() == NodeStatus.DOWN && !refused ? "it is " + health + "; " : "")
                            + why.getMessage(), "08001", e);
                }
            }
        }
        PhysicalConnection connection = new PhysicalConnection(this, pooled, pooled.unwrap(JdbcConnection.class));
        borrowed.add(connection);
        return connection;
    }

    void released(PhysicalConnection connection) {
        borrowed.remove(connection);
    }

    void evict(Connection pooled) {
        pool().evictConnection(pooled);
    }

    private HikariDataSource pool() throws IllegalStateException {
        HikariDataSource current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    if (closed) {
                        throw new IllegalStateException(this + " is closed");
                    }
                    NodePools.Opened opened = poolFactory.apply(this);
                    gtidsInOkPackets = opened.gtidsInOkPackets();
                    current = opened.pool();
                    pool = current;
                }
            }
        }
        return current;
    }

    private HikariPoolMXBean poolBean() {
        HikariDataSource current = pool;
        return current == null ? null : current.getHikariPoolMXBean();
    }

    /**
     * Aborts every connection in use here, so that threads blocked on a hung server get an error they can act on. Each
     * abort runs on {@code executor}: closing a socket under a blocked reader must not block the caller.
     */
    void abortInUse(java.util.concurrent.Executor executor) {
        for (PhysicalConnection connection : List.copyOf(borrowed)) {
            executor.execute(connection::abort);
        }
    }

    /** Drops idle pooled connections, which are stale after the server went away. */
    void dropIdle() {
        HikariPoolMXBean bean = poolBean();
        if (bean != null) {
            bean.softEvictConnections();
        }
    }

    /** The session settings rwsplit last applied to one physical session of this node; null when none. */
    Object sessionTag(JdbcConnection server) {
        if (!everTagged) {
            return null;
        }
        PhysicalState state = physicalStates.get(server);
        return state == null ? null : state.sessionTag;
    }

    void sessionTag(JdbcConnection server, Object tag) {
        if (tag == null && !everTagged) {
            return;
        }
        everTagged = true;
        physicalStates.computeIfAbsent(server, s -> new PhysicalState()).sessionTag = tag;
    }

    /** Whether this node's sessions report each commit's GTID in the OK packet (else rwsplit asks after commits). */
    boolean reportsGtidsInOkPackets() {
        return gtidsInOkPackets;
    }

    /** The flavor already learnt (by the monitor or a borrow), or null. */
    ServerFlavor knownFlavor() {
        return flavor;
    }

    /** MySQL or MariaDB, learnt from the first connection that asks. */
    public ServerFlavor flavor(Connection connection) throws SQLException {
        ServerFlavor known = flavor;
        if (known == null) {
            known = ServerFlavor.of(connection);
            flavor = known;
        }
        return known;
    }

    /**
     * Whether this server gives transactions GTIDs (MariaDB always; MySQL with gtid_mode ON), asked once. Without them
     * read-your-writes cannot tell what a replica has applied.
     */
    public boolean assignsGtids(Connection connection) throws SQLException {
        Boolean known = assignsGtids;
        if (known == null) {
            known = flavor(connection) == ServerFlavor.MARIADB || mysqlGtidModeOn(connection);
            assignsGtids = known;
        }
        return known;
    }

    private static boolean mysqlGtidModeOn(Connection connection) throws SQLException {
        try (java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet row = statement.executeQuery("SELECT @@global.gtid_mode")) {
            return row.next() && row.getString(1).toUpperCase(java.util.Locale.ROOT).startsWith("ON");
        }
    }

    /** The transactions this replica is known to have applied (from the monitor, or from a successful wait). */
    public GtidSet applied() {
        return applied;
    }

    /**
     * Whether a read waited here in vain for a write within {@code windowNanos}: waiting again before the monitor has
     * news would likely cost another full timeout.
     */
    public boolean missedCatchUpWithin(long windowNanos) {
        long missed = missedCatchUpNanos;
        return missed != 0 && System.nanoTime() - missed < windowNanos;
    }

    public void missedCatchUp() {
        missedCatchUpNanos = System.nanoTime();
    }

    /** Records that this replica has applied {@code position}; the known position only grows. */
    public synchronized void advanceApplied(GtidSet position) {
        applied = applied.union(position);
    }

    /** The isolation level this node's pooled sessions start with, as last seen before rwsplit changed one. */
    public int defaultIsolation() {
        return defaultIsolation;
    }

    public void rememberDefaultIsolation(int level) {
        defaultIsolation = level;
    }

    public int idleConnections() {
        HikariPoolMXBean bean = poolBean();
        return bean == null ? 0 : bean.getIdleConnections();
    }

    public int activeConnections() {
        HikariPoolMXBean bean = poolBean();
        return bean == null ? 0 : bean.getActiveConnections();
    }

    void close() {
        HikariDataSource current;
        synchronized (this) {
            closed = true;
            current = pool;
        }
        if (current != null) {
            current.close();
        }
    }

    @Override
    public String toString() {
        return role.label() + " " + host;
    }
}
