package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import io.github.rwsplit.internal.LinkedMembers;
import io.github.rwsplit.internal.config.HostSpec;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One server of the cluster: its pool, its last health verdict and its counters. */
public final class Node {
    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private final HostSpec host;
    /** Fixed unless primaryDiscovery is on, when the monitor reassigns roles from what the servers say. */
    private volatile NodeRole role;
    private volatile RoleObservation observedRole;
    private final int weight;
    private final Function<Node, ConnectionSource> sourceFactory;
    /** Opened on first use, once the first health round has learnt what the servers are (MySQL or MariaDB). */
    private volatile ConnectionSource source;
    private final Liveness liveness;
    private volatile boolean closed;
    /** Whether any physical session of this node ever carried session settings: if not, borrows skip the lookup. */
    private volatile boolean everTagged;
    private final NodeCounters counters = new NodeCounters();
    /** Borrowed connections through their own links: a set would allocate an entry on every borrow. */
    private final LinkedMembers<PhysicalConnection> borrowed = new LinkedMembers<>();
    /** Weak keys: what rwsplit knows of a physical session must not keep it alive after the pool closed it. */
    private final Map<JdbcConnection, PhysicalState> physicalStates = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile ServerFlavor flavor;
    private volatile GtidSet applied = GtidSet.EMPTY;
    private volatile Boolean assignsGtids;
    private volatile long missedCatchUpNanos;
    private volatile NodeHealth health = NodeHealth.UNCHECKED_UP;
    /** When a check last answered (System.nanoTime); 0 until one has. */
    private volatile long lastAnsweredNanos;
    private volatile long latencyNanos;
    private volatile int defaultIsolation = Connection.TRANSACTION_REPEATABLE_READ;

    Node(HostSpec host, NodeRole role, int weight, Function<Node, ConnectionSource> sourceFactory,
         Liveness liveness) {
        this.host = host;
        this.role = role;
        this.weight = weight;
        this.sourceFactory = sourceFactory;
        this.liveness = liveness;
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
     * the pool's attempts to connect are failing (the server refuses connections) or the monitor finds the node down:
     * a busy pool is worth waiting for, a dead server is not.
     *
     * @throws NodeSaturatedException when every connection stayed in use for the whole wait (the node stays up)
     * @throws SQLException SQLState 08001 naming the node when it refuses connections or is down
     */
    public PhysicalConnection borrow() throws SQLException {
        PhysicalConnection connection = source().borrow(this);
        borrowed.add(connection);
        return connection;
    }

    boolean isDown() {
        return health.status() == NodeStatus.DOWN;
    }

    void giveBack(PhysicalConnection connection) {
        borrowed.remove(connection);
        try {
            source().giveBack(connection);
        } catch (SQLException | RuntimeException e) {
            log.debug("{}: returning a pooled connection failed", this, e);
        }
    }

    void discard(PhysicalConnection connection) {
        borrowed.remove(connection);
        source().discard(connection);
    }

    private ConnectionSource source() throws IllegalStateException {
        ConnectionSource current = source;
        if (current == null) {
            synchronized (this) {
                current = source;
                if (current == null) {
                    if (closed) {
                        throw new IllegalStateException(this + " is closed");
                    }
                    current = sourceFactory.apply(this);
                    source = current;
                }
            }
        }
        return current;
    }

    /**
     * Aborts every connection in use here, so that threads blocked on a hung server get an error they can act on. Each
     * abort runs on {@code executor}: closing a socket under a blocked reader must not block the caller. A connection
     * given back meanwhile is left alone (see {@link PhysicalConnection#abort}).
     */
    void abortInUse(Executor executor) {
        for (PhysicalConnection connection : borrowed.snapshot()) {
            executor.execute(connection::abort);
        }
    }

    /** The node went down: borrowers waiting for a connection give up, idle connections (stale by now) go. */
    void wentDown() {
        ConnectionSource current = source;
        if (current != null) {
            current.nodeDown();
        }
    }

    /** When the monitor last had an answer from this node (System.nanoTime); 0 until it has. */
    long lastAnsweredNanos() {
        return lastAnsweredNanos;
    }

    void answeredAt(long nanos) {
        lastAnsweredNanos = nanos;
    }

    /** Tells dead from slow for this node; used under the cluster's lock only. */
    Liveness liveness() {
        return liveness;
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

    /** The flavor already learnt (by the monitor or a borrow), or null. */
    ServerFlavor knownFlavor() {
        return flavor;
    }

    /** Sets the flavor where it is known without asking a server (in-memory test nodes). */
    void knownFlavor(ServerFlavor known) {
        flavor = known;
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
            // ON and ON_PERMISSIVE give new transactions GTIDs; OFF and OFF_PERMISSIVE do not.
            String mode = row.next() ? row.getString(1) : null;
            return mode != null && mode.toUpperCase(java.util.Locale.ROOT).startsWith("ON");
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
        ConnectionSource current = source;
        return current == null ? 0 : current.idleConnections();
    }

    public int activeConnections() {
        ConnectionSource current = source;
        return current == null ? 0 : current.activeConnections();
    }

    void close() {
        ConnectionSource current;
        synchronized (this) {
            closed = true;
            current = source;
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
