package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A cluster outlives its last connection for clusterLinger, so that applications without a pool reuse it. */
@WithReplicationCluster
class ClusterLingerIT {
    private static final Logger log = LoggerFactory.getLogger(ClusterLingerIT.class);
    private static final int CYCLES = 50;

    private final ReplicationCluster cluster;

    ClusterLingerIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void openQueryCloseCyclesWithoutAPoolReuseOneClusterAndItsServerConnections() throws Exception {
        // The test cluster closes with its last connection unless told otherwise; 30s is the default of clusterLinger.
        String url = cluster.rwsplitUrl("clusterName=churn", "clusterLinger=30s");
        long connectionsBefore = serverConnections();
        long started = System.nanoTime();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            try (Connection connection = DriverManager.getConnection(url);
                 Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT 1")) {
                assertTrue(row.next());
            }
        }
        long micros = (System.nanoTime() - started) / 1_000 / CYCLES;
        // Our own two readings open one connection per node; they are not the driver's.
        long opened = serverConnections() - connectionsBefore - cluster.nodes().size();
        log.info("{} open/query/close cycles: {} server connections over {} nodes, {} us per cycle", CYCLES, opened,
                cluster.nodes().size(), micros);
        assertTrue(opened < 2L * CYCLES, opened + " server connections for " + CYCLES + " cycles");
    }

    @Test
    void aLingeringClusterClosesWhenItsPeriodEnds() throws Exception {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("clusterName=linger-end",
                "clusterLinger=2s"))) {
            assertTrue(connection.isValid(5));
        }
        assertEquals(1, monitorThreads("linger-end"), "the cluster lingers after its last connection closed");
        Poll.until("the lingering cluster's threads are gone", Duration.ofSeconds(20),
                () -> threadsNamed("linger-end") == 0);
    }

    @Test
    void aDataSourceCloseEndsItsClusterAtOnceWhateverTheLingerPeriod() throws Exception {
        RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=ds-close",
                "clusterLinger=1h"));
        try (Connection connection = dataSource.getConnection()) {
            assertTrue(connection.isValid(5));
        }
        assertEquals(1, monitorThreads("ds-close"));
        dataSource.close();
        Poll.until("the data source's cluster threads are gone", Duration.ofSeconds(10),
                () -> threadsNamed("ds-close") == 0);
    }

    /** Connections the nodes have accepted since they started, summed over all nodes. */
    private long serverConnections() throws SQLException {
        long total = 0;
        for (ClusterNode node : cluster.nodes()) {
            try (Connection admin = node.adminConnection(); Statement statement = admin.createStatement();
                 ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Connections'")) {
                row.next();
                total += row.getLong(2);
            }
        }
        return total;
    }

    private static long monitorThreads(String clusterName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("rwsplit-monitor-" + clusterName)).count();
    }

    private static long threadsNamed(String fragment) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains(fragment)).count();
    }
}
