package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Connecting, sharing a cluster, and every way connecting can fail. */
@WithReplicationCluster
class ConnectIT {
    private final ReplicationCluster cluster;

    ConnectIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void driverManagerFindsTheDriverForRwsplitUrlsOnly() throws SQLException {
        Driver driver = DriverManager.getDriver(cluster.rwsplitUrl());
        assertInstanceOf(RwSplitDriver.class, driver);
        assertFalse(driver.acceptsURL("jdbc:mysql://localhost/db"));
        assertEquals(null, driver.connect("jdbc:mysql://localhost/db", new Properties()));
        DriverPropertyInfo[] info = driver.getPropertyInfo(cluster.rwsplitUrl("loadBalance=random"), new Properties());
        DriverPropertyInfo loadBalance = Arrays.stream(info).filter(p -> p.name.equals("loadBalance")).findFirst()
                .orElseThrow();
        assertEquals("random", loadBalance.value);
    }

    @Test
    void propertiesCountTheSameAsUrlKeys() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", cluster.appUser());
        properties.setProperty("password", cluster.appPassword());
        properties.setProperty("loadBalance", "random");
        properties.setProperty("useServerPrepStmts", "true");
        properties.setProperty("clusterLinger", "0");
        String url = "jdbc:rwsplit:mysql://" + cluster.hostList() + "/" + cluster.database();
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }

    @Test
    void anUnknownOptionIsRejectedWithTheClosestKnownName() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(cluster.rwsplitUrl("maxReplicationlag=5s")));
        assertEquals("01S00", e.getSQLState());
        assertTrue(e.getMessage().contains("unknown option 'maxReplicationlag'; did you mean 'maxReplicationLag'?"),
                e.getMessage());
    }

    @Test
    void anIllTypedOptionNamesKeyValueAndAcceptedForm() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(cluster.rwsplitUrl("loadBalance=fast")));
        assertEquals("01S00", e.getSQLState());
        assertTrue(e.getMessage().contains("invalid value 'fast' for option 'loadBalance': expected one of roundRobin,"
                + " random, leastConnections, leastLatency"), e.getMessage());
    }

    @Test
    void aMalformedUrlSaysWhatIsExpected() {
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:rwsplit:mysql://"));
        assertEquals("01S00", e.getSQLState());
        assertTrue(e.getMessage().contains("expected jdbc:rwsplit:mysql://PRIMARY[:PORT]"), e.getMessage());
    }

    @Test
    void aWrongPasswordFailsAtConnectAndIsNeverEchoed() {
        String url = cluster.rwsplitUrl().replace("password=" + cluster.appPassword(), "password=NotThePassword42");
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("28000", e.getSQLState());
        assertFalse(e.getMessage().contains("NotThePassword42"), e.getMessage());
    }

    @Test
    void whenNoNodeAnswersConnectFailsNamingEveryNode() throws Exception {
        int closedA;
        int closedB;
        try (ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0)) {
            closedA = a.getLocalPort();
            closedB = b.getLocalPort();
        }
        String url = "jdbc:rwsplit:mysql://127.0.0.1:" + closedA + ",127.0.0.1:" + closedB + "/x?user=u&password=p";
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("08001", e.getSQLState());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedA) && e.getMessage().contains("127.0.0.1:" + closedB),
                e.getMessage());
    }

    @Test
    void connectionsWithTheSameUrlShareOneClusterThatStopsWithTheLastClose() throws Exception {
        String url = cluster.rwsplitUrl("clusterName=sharing-test");
        try (Connection first = DriverManager.getConnection(url); Connection second = DriverManager.getConnection(url)) {
            assertEquals(1, monitorThreads("sharing-test"));
            first.close();
            assertEquals(1, monitorThreads("sharing-test"), "the second connection still uses the cluster");
            assertTrue(ServedBy.serverId(cluster, second).isReplica());
        }
        Poll.until("the cluster's threads are gone", Duration.ofSeconds(10), () -> threadsNamed("sharing-test") == 0);
    }

    private static long monitorThreads(String clusterName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("rwsplit-monitor-" + clusterName)).count();
    }

    private static long threadsNamed(String fragment) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().contains(fragment)).count();
    }
}
