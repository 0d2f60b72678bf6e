package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.metrics.ClusterMBeanRegistration;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.FallbackReason;
import io.github.rwsplit.micrometer.RwSplitMeterBinder;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster's figures through JMX and Micrometer match the traffic that was sent. */
@WithReplicationCluster
class MetricsIT {
    private static final int WRITES = 7;
    private static final int READS = 10;
    private static final int HINTED = 3;

    private final ReplicationCluster cluster;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    MetricsIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS metrics (id INT PRIMARY KEY)");
            statement.execute("DELETE FROM metrics");
        }
    }

    /** What the traffic did: each node's reads as the servers saw them. */
    private record Traffic(Map<ClusterNode, Integer> reads) {
        int readsOn(ClusterNode node) {
            return reads.getOrDefault(node, 0);
        }
    }

    /** WRITES inserts, then (on a fresh connection, so read-your-writes keeps nothing on the primary) READS plain and
     *  HINTED primary-hinted reads. */
    private Traffic sendTraffic(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO metrics VALUES (?)")) {
            for (int i = 0; i < WRITES; i++) {
                insert.setInt(1, i);
                insert.executeUpdate();
            }
        }
        Map<ClusterNode, Integer> reads = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            reads.putAll(ServedBy.spread(cluster, connection, READS));
            for (int i = 0; i < HINTED; i++) {
                reads.merge(ServedBy.query(cluster, connection, "/*rwsplit:primary*/ SELECT @@server_id"), 1,
                        Integer::sum);
            }
        }
        return new Traffic(reads);
    }

    private static String hostAndPort(ClusterNode node) {
        return node.host() + ":" + node.port();
    }

    @Test
    void theMBeanReportsEachNodesReadsWritesFallbacksAndPool() throws Exception {
        ObjectName name = new ObjectName("io.github.rwsplit:type=Cluster,name=metrics-jmx");
        try (RwSplitDataSource dataSource = new RwSplitDataSource(
                cluster.rwsplitUrl("jmx=true", "clusterName=metrics-jmx", "pool.minimumIdle=1"))) {
            assertFalse(server.isRegistered(name), "registered before the cluster opened");
            Traffic traffic = sendTraffic(dataSource);

            assertTrue(server.isRegistered(name));
            assertEquals("metrics-jmx", server.getAttribute(name, "ClusterName"));
            Map<String, CompositeData> nodes = nodes(name);
            assertEquals(cluster.nodes().size(), nodes.size());
            CompositeData primary = nodes.get(hostAndPort(cluster.primary()));
            assertEquals("primary", primary.get("role"));
            assertEquals("up", primary.get("state"));
            assertEquals((long) WRITES, primary.get("writes"));
            assertEquals((long) HINTED, primary.get("reads"));
            assertEquals((long) HINTED, fallbacks(primary).get(FallbackReason.HINT.name()));
            assertEquals(0L, fallbacks(primary).get(FallbackReason.NO_REPLICA.name()));
            assertEquals(HINTED, traffic.readsOn(cluster.primary()));
            long replicaReads = 0;
            for (ClusterNode replica : cluster.replicas()) {
                CompositeData figures = nodes.get(hostAndPort(replica));
                assertEquals("replica", figures.get("role"));
                assertEquals((long) traffic.readsOn(replica), figures.get("reads"), replica.name());
                assertEquals(0L, figures.get("writes"));
                assertEquals(0L, figures.get("errors"));
                assertEquals(0L, figures.get("retries"));
                assertTrue((Long) figures.get("lagMillis") >= 0, "lag of " + replica.name());
                replicaReads += (Long) figures.get("reads");
            }
            assertEquals(READS, replicaReads);

            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                connection.createStatement().execute("INSERT INTO metrics VALUES (100)");
                assertEquals(1, nodes(name).get(hostAndPort(cluster.primary())).get("borrowed"),
                        "the transaction holds one primary connection");
                connection.rollback();
            }
            CompositeData afterwards = nodes(name).get(hostAndPort(cluster.primary()));
            assertEquals(0, afterwards.get("borrowed"));
            assertTrue((Integer) afterwards.get("idle") >= 1, "idle " + afterwards.get("idle"));
        }
        assertFalse(server.isRegistered(name), "the MBean outlived its cluster");
    }

    private Map<String, CompositeData> nodes(ObjectName name) throws Exception {
        Map<String, CompositeData> byNode = new HashMap<>();
        for (CompositeData node : (CompositeData[]) server.getAttribute(name, "Nodes")) {
            byNode.put((String) node.get("node"), node);
        }
        return byNode;
    }

    private static Map<String, Long> fallbacks(CompositeData node) {
        Map<String, Long> byReason = new HashMap<>();
        for (Object row : ((TabularData) node.get("fallbacks")).values()) {
            CompositeData entry = (CompositeData) row;
            byReason.put((String) entry.get("key"), (Long) entry.get("value"));
        }
        return byReason;
    }

    @Test
    void theDefaultClusterNameIsQuotedIntoTheMBeanName() throws Exception {
        ObjectName name = ClusterMBeanRegistration.objectName(cluster.hostList());
        assertEquals("\"" + cluster.hostList() + "\"", name.getKeyProperty("name"));
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("jmx=true"))) {
            dataSource.getConnection().close();
            assertTrue(server.isRegistered(name));
            assertEquals(cluster.hostList(), server.getAttribute(name, "ClusterName"));
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void withoutJmxNoMBeanIsRegistered() throws Exception {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=metrics-nojmx"))) {
            dataSource.getConnection().close();
            assertFalse(server.isRegistered(ClusterMBeanRegistration.objectName("metrics-nojmx")));
        }
    }

    @Test
    void twoClustersOfOneNameBothConnectAndTheSecondWarns() throws Exception {
        ObjectName name = ClusterMBeanRegistration.objectName("metrics-clash");
        try (LogCapture logs = LogCapture.rwsplit();
             RwSplitDataSource first = new RwSplitDataSource(cluster.rwsplitUrl("jmx=true", "clusterName=metrics-clash"));
             RwSplitDataSource second = new RwSplitDataSource(
                     cluster.rwsplitUrl("jmx=true", "clusterName=metrics-clash", "loadBalance=random"))) {
            first.getConnection().close();
            try (Connection connection = second.getConnection()) {
                assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            }
            assertTrue(server.isRegistered(name));
            assertEquals(1, logs.count("WARN", "another cluster already registered the MBean " + name));
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void theMetersKeepCountingWhenOnlyTheRegistryHoldsTheBinder() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=metrics-unheld"))) {
            MeterRegistry registry = new SimpleMeterRegistry();
            new RwSplitMeterBinder(dataSource).bindTo(registry);
            sendTraffic(dataSource);
            // Micrometer holds state objects weakly: a binder reachable only through them would be collected here.
            collectGarbage();
            String primary = hostAndPort(cluster.primary());
            assertEquals(WRITES, registry.get("rwsplit.node.writes").tag("node", primary).functionCounter().count());
            assertEquals(1, registry.get("rwsplit.node.primary").tag("node", primary).gauge().value());
        }
    }

    @Test
    void theMetersDoNotKeepADataSourceTheApplicationLetGo() throws SQLException {
        MeterRegistry registry = new SimpleMeterRegistry();
        WeakReference<RwSplitDataSource> dropped = bindAndDrop(registry);
        for (int attempt = 0; attempt < 10 && dropped.get() != null; attempt++) {
            collectGarbage();
        }
        assertNull(dropped.get(), "the registry's meters keep the data source alive");
        assertEquals(WRITES, registry.get("rwsplit.node.writes").tag("node", hostAndPort(cluster.primary()))
                .functionCounter().count(), "counters keep their last figures");
    }

    private WeakReference<RwSplitDataSource> bindAndDrop(MeterRegistry registry) throws SQLException {
        RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=metrics-dropped"));
        new RwSplitMeterBinder(dataSource).bindTo(registry);
        sendTraffic(dataSource);
        // A function counter remembers what it last read; read it once, as a registry's publishing would.
        registry.get("rwsplit.node.writes").tag("node", hostAndPort(cluster.primary())).functionCounter().count();
        dataSource.close();
        return new WeakReference<>(dataSource);
    }

    @Test
    void aPoolOverTheDriverHasItsMetersReadFromTheClusterItsUrlOpened() throws SQLException {
        String url = cluster.rwsplitUrl("clusterName=metrics-pool");
        MeterRegistry registry = new SimpleMeterRegistry();
        String primary = hostAndPort(cluster.primary());
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl(url);
            RwSplitMeterBinder.forPool(pool, pool.getJdbcUrl(), pool.getDataSourceProperties()).bindTo(registry);
            assertTrue(RwSplitDriver.clusterStats(url, null).isEmpty(), "no connection yet");
            assertEquals(0, registry.get("rwsplit.node.writes").tag("node", primary).functionCounter().count());

            Traffic traffic = sendTraffic(pool);

            ClusterStats stats = RwSplitDriver.clusterStats(url, null).orElseThrow();
            assertEquals(WRITES, stats.node(primary).writes());
            assertEquals(WRITES, registry.get("rwsplit.node.writes").tags("node", primary, "cluster", "metrics-pool")
                    .functionCounter().count());
            for (ClusterNode replica : cluster.replicas()) {
                assertEquals(traffic.readsOn(replica), registry.get("rwsplit.node.reads").tag("node",
                        hostAndPort(replica)).functionCounter().count(), replica.name());
            }
            assertEquals(1, registry.get("rwsplit.node.primary").tag("node", primary).gauge().value());
        }
        assertTrue(RwSplitDriver.clusterStats(url, null).isEmpty(),
                "the cluster closed with the pool's last connection: the meters held it no longer");
        assertEquals(WRITES, registry.get("rwsplit.node.writes").tag("node", primary).functionCounter().count(),
                "a closed pool's counters keep their last figures");
    }

    @Test
    void theMetersDoNotKeepAPoolTheApplicationLetGo() throws SQLException {
        MeterRegistry registry = new SimpleMeterRegistry();
        WeakReference<HikariDataSource> dropped = bindPoolAndDrop(registry);
        for (int attempt = 0; attempt < 10 && dropped.get() != null; attempt++) {
            collectGarbage();
        }
        assertNull(dropped.get(), "the registry's meters keep the pool alive");
        assertTrue(Double.isNaN(registry.get("rwsplit.node.primary").tag("node", hostAndPort(cluster.primary()))
                .gauge().value()), "a collected pool's gauges read NaN");
    }

    private WeakReference<HikariDataSource> bindPoolAndDrop(MeterRegistry registry) throws SQLException {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(cluster.rwsplitUrl("clusterName=metrics-pool-dropped"));
        RwSplitMeterBinder.forPool(pool, pool.getJdbcUrl(), pool.getDataSourceProperties()).bindTo(registry);
        sendTraffic(pool);
        pool.close();
        return new WeakReference<>(pool);
    }

    /** Runs the collector until an object only weakly reachable is gone: System.gc() alone is only a request. */
    private static void collectGarbage() {
        WeakReference<Object> sentinel = new WeakReference<>(new Object());
        for (int attempt = 0; attempt < 50 && sentinel.get() != null; attempt++) {
            System.gc();
        }
        assertNull(sentinel.get(), "no garbage collection ran");
    }

    @Test
    void theMeterBinderReportsTheSameFiguresAsMeters() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=metrics-micrometer"))) {
            MeterRegistry registry = new SimpleMeterRegistry();
            // Bound before the first connection, as Spring Boot does: the meters are named from the URL.
            new RwSplitMeterBinder(dataSource).bindTo(registry);
            String primary = hostAndPort(cluster.primary());
            assertEquals(0, registry.get("rwsplit.node.writes").tag("node", primary).functionCounter().count());
            assertTrue(Double.isNaN(registry.get("rwsplit.node.connections.idle").tag("node", primary).gauge().value()));

            Traffic traffic = sendTraffic(dataSource);

            assertEquals(WRITES, registry.get("rwsplit.node.writes").tags("node", primary, "role", "primary",
                    "cluster", "metrics-micrometer").functionCounter().count());
            assertEquals(HINTED, registry.get("rwsplit.node.reads").tag("node", primary).functionCounter().count());
            assertEquals(HINTED, registry.get("rwsplit.node.fallbacks").tags("node", primary, "reason", "hint")
                    .functionCounter().count());
            assertEquals(0, registry.get("rwsplit.node.fallbacks").tags("node", primary, "reason", "no_replica")
                    .functionCounter().count());
            assertEquals(1, registry.get("rwsplit.node.primary").tag("node", primary).gauge().value());
            assertEquals(1, registry.get("rwsplit.node.state").tags("node", primary, "state", "up").gauge().value());
            assertEquals(0, registry.get("rwsplit.node.state").tags("node", primary, "state", "down").gauge().value());
            double replicaReads = 0;
            for (ClusterNode replica : cluster.replicas()) {
                String node = hostAndPort(replica);
                double reads = registry.get("rwsplit.node.reads").tags("node", node, "role", "replica")
                        .functionCounter().count();
                assertEquals(traffic.readsOn(replica), reads, replica.name());
                replicaReads += reads;
                assertEquals(0, registry.get("rwsplit.node.errors").tag("node", node).functionCounter().count());
                assertEquals(0, registry.get("rwsplit.node.retries").tag("node", node).functionCounter().count());
                assertTrue(registry.get("rwsplit.node.lag").tag("node", node).timeGauge().value() >= 0);
                assertEquals(0, registry.get("rwsplit.node.connections.borrowed").tag("node", node).gauge().value());
            }
            assertEquals(READS, replicaReads);
            assertEquals(0, registry.get("rwsplit.classifier.parse.failures").tag("cluster", "metrics-micrometer")
                    .functionCounter().count());
            dataSource.close();
            assertEquals(WRITES, registry.get("rwsplit.node.writes").tag("node", primary).functionCounter().count(),
                    "a closed data source's counters keep their last figures");
        }
    }
}
