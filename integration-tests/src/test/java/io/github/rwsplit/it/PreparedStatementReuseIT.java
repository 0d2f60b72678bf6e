package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Server-side prepared statements cost what they cost on a plain Connector/J connection: with Connector/J's statement
 * cache on, a statement is prepared once per physical connection, however often a logical statement runs and however
 * many logical statements an application prepares, and never closed on the server between executions.
 */
@WithReplicationCluster
class PreparedStatementReuseIT {
    private static final int EXECUTIONS = 200;
    private final ReplicationCluster cluster;

    PreparedStatementReuseIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS reuse (id INT PRIMARY KEY, v INT)");
            statement.execute("INSERT IGNORE INTO reuse VALUES (1, 10), (2, 20)");
        }
        cluster.awaitReplication(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aPreparedReadIsPreparedOncePerPhysicalConnectionWithTheStatementCacheOn() throws SQLException {
        String url = cluster.rwsplitUrl("useServerPrepStmts=true", "cachePrepStmts=true", "pool.maximumPoolSize=2");
        try (Connection connection = DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword())) {
            runReads(connection, 4);
            ServerCounters before = ServerCounters.read(cluster);
            runReads(connection, EXECUTIONS);
            ServerCounters after = ServerCounters.read(cluster);
            long prepared = 0;
            long closed = 0;
            long executed = 0;
            for (ClusterNode node : cluster.nodes()) {
                prepared += after.grew(before, node, "com_stmt_prepare");
                closed += after.grew(before, node, "com_stmt_close");
                executed += after.grew(before, node, "com_stmt_execute");
            }
            assertEquals(EXECUTIONS, executed, "every execution is one COM_STMT_EXECUTE");
            assertEquals(0, prepared, "warm physical connections prepare nothing again");
            assertEquals(0, closed, "nothing is closed on the server between executions");
        }
    }

    private static void runReads(Connection connection, int times) throws SQLException {
        for (int i = 0; i < times; i++) {
            try (PreparedStatement select = connection.prepareStatement("SELECT v FROM reuse WHERE id = ?")) {
                select.setInt(1, 1 + i % 2);
                try (ResultSet row = select.executeQuery()) {
                    assertTrue(row.next());
                }
            }
        }
    }
}
