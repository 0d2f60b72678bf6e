package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Routing rule 1 (docs/routing.md): a read-only logical connection reads from replicas and refuses writes before any server sees them. */
@WithReplicationCluster
class ReadOnlyIT {
    private final ReplicationCluster cluster;

    ReadOnlyIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS ro");
            statement.execute("CREATE TABLE ro (id INT PRIMARY KEY)");
        }
    }

    @Test
    void writesAreRefusedWith25006AndNothingReachesAServer() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            assertTrue(connection.isReadOnly());
            ServerCounters before = ServerCounters.read(cluster);
            for (String write : new String[] {"INSERT INTO ro VALUES (1)", "UPDATE ro SET id = 2",
                    "DELETE FROM ro", "CREATE TABLE ro2 (id INT)", "CALL anything()", "SELECT 1; DELETE FROM ro"}) {
                SQLException refused = assertThrows(SQLException.class, () -> statement.execute(write), write);
                assertEquals("25006", refused.getSQLState(), write);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO ro VALUES (?)")) {
                insert.setInt(1, 3);
                assertEquals("25006", assertThrows(SQLException.class, insert::executeUpdate).getSQLState());
            }
            ServerCounters after = ServerCounters.read(cluster);
            for (String counter : new String[] {"com_insert", "com_update", "com_delete", "com_create_table",
                    "com_call_procedure"}) {
                assertTrue(after.grewOn(before, counter).isEmpty(), counter);
            }
            for (int i = 0; i < 4; i++) {
                assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            }
            connection.setReadOnly(false);
            statement.executeUpdate("INSERT INTO ro VALUES (4)");
        }
    }

    @Test
    void sessionStatementsAreNotWritesOnAReadOnlyConnection() throws SQLException {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             Statement statement = connection.createStatement()) {
            connection.setReadOnly(true);
            statement.execute("SET time_zone = '+01:00'");
            try (ResultSet row = statement.executeQuery("SELECT @@server_id, @@session.time_zone")) {
                assertTrue(ServedBy.first(cluster, row).isReplica());
                assertEquals("+01:00", row.getString(2));
            }
        }
    }
}
