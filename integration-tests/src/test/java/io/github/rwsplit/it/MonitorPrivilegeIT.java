package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A user who may not read replication status: one WARN naming the grant, and replicas whose lag is unknown get no
 * reads (never "lag 0 forever"); heartbeat measures lag without that grant.
 */
@WithReplicationCluster
class MonitorPrivilegeIT {
    private static final String USER = "rwsplit_nomon";
    private static final String PASSWORD = "nomon-Secret-7";

    private final ReplicationCluster cluster;

    MonitorPrivilegeIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createUserWithoutMonitorGrant() throws SQLException {
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
            statement.execute("CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "'");
            statement.execute("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE ON " + cluster.database() + ".* TO '"
                    + USER + "'@'%'");
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    @AfterEach
    void dropUser() throws SQLException {
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP USER IF EXISTS '" + USER + "'@'%'");
        }
    }

    private String url(String... options) {
        StringBuilder url = new StringBuilder("jdbc:rwsplit:mysql://" + cluster.hostList() + "/" + cluster.database()
                + "?clusterLinger=0&user=" + USER + "&password=" + PASSWORD);
        for (String option : options) {
            url.append('&').append(option);
        }
        return url.toString();
    }

    @Test
    void withoutTheGrantReplicasGetNoReadsAndOneWarnNamesIt() throws SQLException {
        try (LogCapture log = LogCapture.rwsplit(); RwSplitDataSource dataSource = new RwSplitDataSource(url());
             Connection connection = dataSource.getConnection()) {
            Map<?, Integer> served = ServedBy.spread(cluster, connection, 10);
            assertEquals(Map.of(cluster.primary(), 10), served);
            long warnings = log.events().stream().filter(e -> e.getLevel().toString().equals("WARN"))
                    .filter(e -> e.getFormattedMessage().contains("SLAVE MONITOR")).count();
            assertEquals(cluster.replicas().size(), warnings, "one WARN per replica, naming the grant");
            assertTrue(dataSource.getClusterStats().replicas().stream().allMatch(r -> r.state().equals("lagging")));
        }
    }

    @Test
    void heartbeatMeasuresLagWithoutTheGrant() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(url("lagSource=heartbeat"));
             Connection connection = dataSource.getConnection()) {
            io.github.rwsplit.testcluster.Poll.until("replicas are measured by heartbeat", Duration.ofSeconds(15),
                    () -> dataSource.getClusterStats().replicas().stream().allMatch(r -> r.state().equals("up")));
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }
}
