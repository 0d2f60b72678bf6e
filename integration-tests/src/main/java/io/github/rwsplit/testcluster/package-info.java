/**
 * A real primary-replica cluster with GTID replication, for integration tests and demos.
 *
 * <p>Tests get the JVM's shared cluster from {@link io.github.rwsplit.testcluster.WithReplicationCluster}:
 *
 * <pre>
 * &#64;WithReplicationCluster
 * class ReadsIT {
 *     &#64;Test
 *     void readGoesToAReplica(ReplicationCluster cluster) throws SQLException {
 *         try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("loadBalance=random"));
 *              Statement statement = connection.createStatement();
 *              ResultSet id = statement.executeQuery("SELECT @@server_id")) {
 *             id.next();
 *             assertTrue(cluster.nodeByServerId(id.getLong(1)).isReplica());
 *         }
 *     }
 * }
 * </pre>
 *
 * <p>A demo starts its own with {@code try (ReplicationCluster cluster = ReplicationCluster.start(2))}.
 * Either way the servers are plain processes (or containers) that the fault helpers of
 * {@link io.github.rwsplit.testcluster.ClusterNode} kill, freeze and slow down for real.
 */
package io.github.rwsplit.testcluster;
