package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The driver needs neither Flyway nor Liquibase (their plugins in the driver are loaded by those tools alone) nor
 * protobuf (excluded from Connector/J, whose X DevAPI alone uses it). This module's class path has none of them, so
 * every test here runs without them; this one checks that they really are absent, and routes a write and a read.
 */
@WithReplicationCluster
class OptionalLibrariesIT {
    private final ReplicationCluster cluster;

    OptionalLibrariesIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void withoutFlywayLiquibaseOrProtobufOnTheClassPath_writesGoToThePrimaryAndReadsToAReplica() throws SQLException {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.flywaydb.core.Flyway"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("liquibase.Liquibase"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("com.google.protobuf.Message"));

        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE plain (id INT PRIMARY KEY, written_by INT)");
            statement.executeUpdate("INSERT INTO plain VALUES (1, @@server_id)");
            assertEquals(cluster.primary(), ServedBy.query(cluster, connection, "SELECT written_by FROM plain"));
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
        }
    }
}
