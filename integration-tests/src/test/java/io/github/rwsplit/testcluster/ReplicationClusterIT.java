package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithReplicationCluster
class ReplicationClusterIT {

    /** MySQL and MariaDB: "The server is running with the --read-only option". */
    private static final int READ_ONLY_REFUSAL = 1290;

    private final ReplicationCluster cluster;

    ReplicationClusterIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createMarks() throws SQLException {
        Marks.create(cluster);
    }

    @Test
    void startsAPrimaryAndTwoReplicasWithTheirOwnServerIds() throws SQLException {
        assertEquals(List.of("primary", "replica1", "replica2"),
                cluster.nodes().stream().map(ClusterNode::name).toList());
        assertFalse(cluster.primary().isReplica());
        assertTrue(cluster.replicas().stream().allMatch(ClusterNode::isReplica));
        for (ClusterNode node : cluster.nodes()) {
            try (Connection connection = node.adminConnection()) {
                assertEquals(node.serverId(), Marks.serverIdOf(connection), node.name());
            }
        }
        assertEquals(3, cluster.nodes().stream().map(ClusterNode::serverId).collect(Collectors.toSet()).size());
    }

    @Test
    void rowWrittenOnThePrimaryIsReadBackOnEveryReplica() throws SQLException {
        Marks.write(cluster.primary(), 1);

        cluster.awaitReplication(Marks.SYNC);

        for (ClusterNode replica : cluster.replicas()) {
            assertTrue(Marks.exists(replica, 1), replica.name());
        }
    }

    @Test
    void everyNodeRunsTheServerVersionOfTheBackendsFamily() throws SQLException {
        assertEquals(ServerFamily.ofSelectedBackend(), cluster.serverVersion().family());
        for (ClusterNode node : cluster.nodes()) {
            try (Connection connection = node.adminConnection(); Statement statement = connection.createStatement();
                    ResultSet version = statement.executeQuery("SELECT VERSION()")) {
                version.next();
                assertEquals(cluster.serverVersion().text(), version.getString(1), node.name());
            }
        }
    }

    @Test
    void replicasRunReadOnlyAndThePrimaryDoesNot() throws SQLException {
        for (ClusterNode node : cluster.nodes()) {
            try (Connection connection = node.adminConnection();
                    Statement statement = connection.createStatement();
                    ResultSet readOnly = statement.executeQuery("SELECT @@GLOBAL.read_only")) {
                readOnly.next();
                assertEquals(node.isReplica(), readOnly.getBoolean(1), node.name());
            }
        }
    }

    @Test
    void applicationUserCannotWriteOnAReplica() {
        for (ClusterNode replica : cluster.replicas()) {
            SQLException refused = assertThrows(SQLException.class, () -> Marks.write(replica, 2));
            assertEquals(READ_ONLY_REFUSAL, refused.getErrorCode(), refused.getMessage());
        }
    }

    @Test
    @OnlyOn(ServerFamily.MYSQL)
    void superReadOnlyRefusesEvenTheAdministratorOnAReplica() throws SQLException {
        for (ClusterNode node : cluster.nodes()) {
            try (Connection connection = node.adminConnection();
                    Statement statement = connection.createStatement();
                    ResultSet superReadOnly = statement.executeQuery("SELECT @@GLOBAL.super_read_only")) {
                superReadOnly.next();
                assertEquals(node.isReplica(), superReadOnly.getBoolean(1), node.name());
            }
        }
        ClusterNode replica = cluster.replicas().get(0);
        try (Connection root = replica.adminConnection()) {
            SQLException refused = assertThrows(SQLException.class, () -> Marks.write(root, 3));
            assertEquals(READ_ONLY_REFUSAL, refused.getErrorCode(), refused.getMessage());
        }
    }

    @Test
    @OnlyOn(ServerFamily.MARIADB)
    void rootCanWriteOnAReplica() throws SQLException {
        ClusterNode replica = cluster.replicas().get(0);
        try (Connection root = replica.adminConnection()) {
            Marks.write(root, 3);
        }
        assertTrue(Marks.exists(replica, 3));
    }

    @Test
    void applicationUserHasNoReadOnlyBypassButMayWatchReplication() throws SQLException {
        ClusterNode replica = cluster.replicas().get(0);
        try (Connection app = replica.appConnection(); Statement statement = app.createStatement()) {
            List<String> grants = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW GRANTS")) {
                while (rows.next()) {
                    grants.add(rows.getString(1));
                }
            }
            String all = String.join("\n", grants);
            for (String bypass : Set.of("SUPER", "READ_ONLY ADMIN", "ALL PRIVILEGES", "CONNECTION_ADMIN")) {
                assertFalse(all.contains(bypass), bypass + " in " + all);
            }
            // What a lag monitor runs (MariaDB 10.5+ knows the MySQL spelling too).
            try (ResultSet status = statement.executeQuery("SHOW REPLICA STATUS")) {
                assertTrue(status.next(), "replica status of " + replica.name());
            }
        }
    }

    @Test
    void nodeByServerIdMapsEachServersOwnIdBackToIt() throws SQLException {
        for (ClusterNode node : cluster.nodes()) {
            try (Connection connection = node.appConnection()) {
                assertSame(node, cluster.nodeByServerId(Marks.serverIdOf(connection)));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> cluster.nodeByServerId(4242));
    }

    @Test
    void rwsplitUrlListsThePrimaryFirstClosesTheClusterWithItsLastConnectionAndEndsWithTheCredentials() {
        String hosts = cluster.nodes().stream()
                .map(node -> node.host() + ":" + node.port())
                .collect(Collectors.joining(","));

        assertEquals(hosts, cluster.hostList());
        assertEquals("jdbc:rwsplit:mysql://" + hosts + "/rwsplit_test?loadBalance=random&retryReads=false"
                        + "&clusterLinger=0&user=" + cluster.appUser() + "&password=" + cluster.appPassword(),
                cluster.rwsplitUrl("loadBalance=random", "retryReads=false"));
        assertEquals("jdbc:rwsplit:mysql://" + hosts + "/rwsplit_test?clusterLinger=5s"
                        + "&user=" + cluster.appUser() + "&password=" + cluster.appPassword(),
                cluster.rwsplitUrl("clusterLinger=5s"));
    }
}
