package io.github.rwsplit.testcluster;

import java.time.Duration;
import java.util.List;

/**
 * A running primary-replica cluster with GTID replication, for integration tests and demos.
 *
 * <p>The roles are the ones the cluster was started with: {@link #primary()} stays the configured
 * primary even while a test has promoted a replica, and {@link #reset()} puts the servers back into
 * that shape.
 *
 * <p>The backend is chosen by the system property {@value #BACKEND_PROPERTY}: {@code embedded}
 * (default: MariaDB servers run from Maven artifacts, no Docker) or {@code testcontainers}
 * (MySQL containers, {@code mysql:8.4} unless the system property {@code rwsplit.it.mysql.image} names another).
 */
public interface ReplicationCluster extends AutoCloseable {

    /** System property that picks the backend: {@code embedded} (default) or {@code testcontainers}. */
    String BACKEND_PROPERTY = "rwsplit.it.backend";

    /**
     * Starts a primary and {@code replicas} replicas, wires replication and verifies it, and creates
     * the test schema and the application user.
     */
    static ReplicationCluster start(int replicas) {
        return Cluster.start(ClusterBackend.selected(), replicas, List.of());
    }

    /**
     * As {@link #start(int)}, each server started with these extra command-line options as well (for example
     * {@code --ssl-cert=...}). Only the embedded backend takes them: containers would need the files inside.
     *
     * @throws IllegalArgumentException when options are given and the selected backend is not embedded
     */
    static ReplicationCluster start(int replicas, List<String> serverOptions) {
        return Cluster.start(ClusterBackend.selected(), replicas, serverOptions);
    }

    ClusterNode primary();

    /** What the primary said it is when the cluster started; every node runs the same server. */
    ServerVersion serverVersion();

    /** The configured replicas, in server-id order ({@code replica1}, {@code replica2}, ...). */
    List<ClusterNode> replicas();

    /** The primary first, then the replicas: the order of {@link #hostList()}. */
    List<ClusterNode> nodes();

    /**
     * The node whose {@code @@server_id} this is: tests ask a server through rwsplit which one it is
     * and map the answer back to a node.
     */
    ClusterNode nodeByServerId(long serverId);

    /** The test schema, created empty by {@link #reset()}. */
    String database();

    /** The application user: the privileges a real deployment grants, no SUPER, no read-only bypass. */
    String appUser();

    String appPassword();

    /**
     * An rwsplit URL over every node (primary first) and the test schema, the given {@code key=value}
     * options in order, then the application user's credentials as {@code user=} and {@code password=}. Unless the
     * options set clusterLinger, it is 0: a test's cluster closes with its last connection.
     */
    String rwsplitUrl(String... options);

    /** {@code host:port} of every node, primary first, comma-separated. */
    String hostList();

    /**
     * Returns once every running, unfrozen replica whose applier runs has applied the primary's
     * current GTID position.
     *
     * @throws ClusterException if one has not within the timeout, or its applier stopped on an error
     */
    void awaitReplication(Duration timeout);

    /**
     * Heals every fault and restores the configured topology: thaws frozen nodes, restarts killed
     * ones, ends every application-user session, points each replica at the primary again with no
     * delay, sets {@code read_only} back to the roles, drops and recreates the test schema, and waits
     * until the replicas have applied that.
     */
    void reset();

    /** Stops every server and deletes its data. */
    @Override
    void close();
}
