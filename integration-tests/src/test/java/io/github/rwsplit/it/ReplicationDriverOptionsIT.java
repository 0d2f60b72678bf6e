package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A URL carried over from Connector/J's replication driver either works the same way or fails at connect, clearly. */
@WithReplicationCluster
class ReplicationDriverOptionsIT {
    private final ReplicationCluster cluster;

    ReplicationDriverOptionsIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void aReplicationDriverOptionWithoutAnEquivalentFailsAtConnectNamingItAndTheWayOut() {
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(cluster.rwsplitUrl("autoReconnect=true")));
        assertEquals("01S00", e.getSQLState());
        assertTrue(e.getMessage().startsWith("rwsplit: 'autoReconnect=true' is an option of Connector/J's replication"
                + " and load-balancing connections, which rwsplit does not use: "), e.getMessage());
        assertTrue(e.getMessage().contains("(retryReads)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(see docs/migration.md)"), e.getMessage());
    }

    @Test
    void optionsWithAnExactEquivalentConnectAndReadsGoToReplicas() throws SQLException {
        String url = cluster.rwsplitUrl("readFromSourceWhenNoReplicas=true&ha.loadBalanceStrategy=random"
                + "&allowSourceDownConnections=true&allowReplicaDownConnections=true");
        try (Connection connection = DriverManager.getConnection(url)) {
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }
}
