package io.github.rwsplit.testcluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** A table of numbered rows that tests write on one node and look for on another. */
final class Marks {

    static final Duration SYNC = Duration.ofSeconds(15);

    private Marks() {
    }

    /** Creates the table on the primary and waits until every replica has it. */
    static void create(ReplicationCluster cluster) throws SQLException {
        try (Connection primary = cluster.primary().appConnection();
                Statement statement = primary.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS marks (id INT PRIMARY KEY, note VARCHAR(64))");
        }
        cluster.awaitReplication(SYNC);
    }

    /** Inserts row {@code id} as the application user. */
    static void write(ClusterNode node, int id) throws SQLException {
        try (Connection connection = node.appConnection()) {
            write(connection, id);
        }
    }

    static void write(Connection connection, int id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO marks (id, note) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, "mark " + id);
            insert.executeUpdate();
        }
    }

    static boolean exists(ClusterNode node, int id) throws SQLException {
        try (Connection connection = node.appConnection();
                PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM marks WHERE id = ?")) {
            select.setInt(1, id);
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getInt(1) == 1;
            }
        }
    }

    static long serverIdOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet id = statement.executeQuery("SELECT @@server_id")) {
            id.next();
            return id.getLong(1);
        }
    }
}
