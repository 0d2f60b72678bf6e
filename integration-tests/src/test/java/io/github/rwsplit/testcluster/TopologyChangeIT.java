package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithReplicationCluster
class TopologyChangeIT {

    private static final int READ_ONLY_REFUSAL = 1290;

    private final ReplicationCluster cluster;
    private final ClusterNode primary;
    private final ClusterNode replica1;
    private final ClusterNode replica2;

    TopologyChangeIT(ReplicationCluster cluster) {
        this.cluster = cluster;
        this.primary = cluster.primary();
        this.replica1 = cluster.replicas().get(0);
        this.replica2 = cluster.replicas().get(1);
    }

    @BeforeEach
    void createMarks() throws SQLException {
        Marks.create(cluster);
        Marks.write(primary, 1);
        cluster.awaitReplication(Marks.SYNC);
    }

    @AfterEach
    void restoreTopology() {
        cluster.reset();
    }

    @Test
    void promotedReplicaTakesWritesThatReachTheNodesRepointedToIt() throws SQLException {
        replica1.promote();
        replica2.replicateFrom(replica1);
        primary.replicateFrom(replica1);

        Marks.write(replica1, 2);
        String position = replica1.gtidPosition();

        for (ClusterNode follower : new ClusterNode[] {replica2, primary}) {
            assertTrue(follower.awaitGtidPosition(position, Marks.SYNC), follower.name());
            assertTrue(Marks.exists(follower, 1), follower.name());
            assertTrue(Marks.exists(follower, 2), follower.name());
        }
        SQLException refused = assertThrows(SQLException.class, () -> Marks.write(primary, 3));
        assertEquals(READ_ONLY_REFUSAL, refused.getErrorCode(), "the demoted primary is read-only");
    }

    @Test
    void resetRestoresTheConfiguredTopologyAfterAFailover() throws SQLException {
        replica1.promote();
        replica2.replicateFrom(replica1);
        primary.replicateFrom(replica1);
        Marks.write(replica1, 2);

        cluster.reset();
        Marks.create(cluster);
        Marks.write(primary, 3);

        cluster.awaitReplication(Marks.SYNC);
        for (ClusterNode replica : cluster.replicas()) {
            assertTrue(Marks.exists(replica, 3), replica.name());
            SQLException refused = assertThrows(SQLException.class, () -> Marks.write(replica, 4));
            assertEquals(READ_ONLY_REFUSAL, refused.getErrorCode(), replica.name() + " is read-only again");
        }
    }
}
