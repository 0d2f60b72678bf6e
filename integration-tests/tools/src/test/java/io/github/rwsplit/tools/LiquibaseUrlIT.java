package io.github.rwsplit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.junit.jupiter.api.Test;

/** Liquibase given the rwsplit URL itself, as its command line, Maven plugin and {@code spring.liquibase.url} do. */
@WithReplicationCluster
class LiquibaseUrlIT {
    private final ReplicationCluster cluster;

    LiquibaseUrlIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    private void update() throws Exception {
        Scope.child(Scope.Attr.resourceAccessor.name(), new ClassLoaderResourceAccessor(),
                () -> new CommandScope("update")
                        .addArgumentValue("url", cluster.rwsplitUrl("clusterName=liquibase"))
                        .addArgumentValue("username", cluster.appUser())
                        .addArgumentValue("password", cluster.appPassword())
                        .addArgumentValue("changelogFile", "liquibase/changelog.xml")
                        .execute());
    }

    @Test
    void updateGivenTheUrl_runsEveryChangeSetOnThePrimary_andTheReplicasGetThemByReplication() throws Exception {
        update();
        update();

        long primary = cluster.primary().serverId();
        cluster.awaitReplication(Duration.ofSeconds(10));
        for (ClusterNode node : cluster.nodes()) {
            assertEquals(List.of("1", "2"), ServerColumn.read(node, "SELECT ID FROM DATABASECHANGELOG ORDER BY ORDEREXECUTED"),
                    node.name() + ": each change set once");
            assertEquals(List.of(String.valueOf(primary)), ServerColumn.read(node, "SELECT written_by FROM ledger"),
                    node.name());
            assertEquals(List.of("0"), lockedRows(node), node.name() + ": the lock is released");
        }
    }

    private static List<String> lockedRows(ClusterNode node) throws SQLException {
        return ServerColumn.read(node, "SELECT COUNT(*) FROM DATABASECHANGELOGLOCK WHERE LOCKED = 1");
    }
}
