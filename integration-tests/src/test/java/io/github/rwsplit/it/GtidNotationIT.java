package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RoutingConnection;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * GTID positions in a notation the replicas' servers cannot read: a MySQL 8.3+ tagged set handed to a connection of a
 * MariaDB cluster. The replicas refuse to wait for it; the read goes to the primary, and nothing fails.
 */
@WithReplicationCluster
class GtidNotationIT {
    private static final String TAGGED = "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:Batch_1:1-3";

    private final ReplicationCluster cluster;

    GtidNotationIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void heal() {
        cluster.reset();
    }

    @Test
    void aTaggedPositionTheReplicasCannotWaitFor_isReadOnThePrimaryWithoutAnError() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection()) {
            RoutingConnection routing = connection.unwrap(RoutingConnection.class);
            routing.readAfter(TAGGED);
            assertEquals("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:batch_1:1-3", routing.lastWritePosition(),
                    "the position is kept in MySQL's notation, tag in lower case");
            for (int i = 0; i < 3; i++) {
                assertEquals(cluster.primary(), ServedBy.query(cluster, connection, "SELECT @@server_id"));
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("CREATE TABLE IF NOT EXISTS gtid_notation (id INT PRIMARY KEY)");
                statement.executeUpdate("INSERT INTO gtid_notation VALUES (1)");
            }
            String both = routing.lastWritePosition();
            assertTrue(both.contains("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:batch_1:1-3")
                    && both.length() > "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:batch_1:1-3".length(),
                    "the handed-over set and this connection's MariaDB position are both kept: " + both);
        }
    }

    @Test
    void aPositionThatIsNoGtidSetIsRefusedNamingIt() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl());
             Connection connection = dataSource.getConnection()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> connection.unwrap(RoutingConnection.class).readAfter("3e11fa47-71ca-11e1:batch:1"));
            assertEquals("22023", refused.getSQLState());
            assertTrue(refused.getMessage().contains("3e11fa47-71ca-11e1:batch:1"), refused.getMessage());
            assertEquals(cluster.primary(),
                    ServedBy.query(cluster, connection, "/*rwsplit:primary*/ SELECT @@server_id"));
        }
    }
}
