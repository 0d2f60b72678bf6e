package io.github.rwsplit.testcluster;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** MySQL 8.0.23+ (8.4 and 9.x included): GTID auto-positioning, the SOURCE/REPLICA vocabulary. */
final class MySqlDialect implements ReplicationDialect {

    /** The first version that names {@code RESET BINARY LOGS AND GTIDS}; 8.4 no longer knows {@code RESET MASTER}. */
    private static final int RESET_BINARY_LOGS_SINCE_MAJOR = 8;
    private static final int RESET_BINARY_LOGS_SINCE_MINOR = 2;

    @Override
    public String monitorPrivilege() {
        return "REPLICATION CLIENT";
    }

    @Override
    public void setReadOnly(Connection admin, boolean readOnly) throws SQLException {
        // super_read_only=ON implies read_only=ON; read_only=OFF implies super_read_only=OFF.
        Sql.execute(admin, readOnly ? "SET GLOBAL super_read_only = ON" : "SET GLOBAL read_only = OFF");
    }

    @Override
    public void allowAdministratorWrites(Connection admin) throws SQLException {
        Sql.execute(admin, "SET GLOBAL super_read_only = OFF");
    }

    @Override
    public void clearBinaryLogs(Connection admin) throws SQLException {
        resetBinaryLogs(admin);
    }

    private static void resetBinaryLogs(Connection admin) throws SQLException {
        DatabaseMetaData server = admin.getMetaData();
        int major = server.getDatabaseMajorVersion();
        boolean newSpelling = major > RESET_BINARY_LOGS_SINCE_MAJOR || (major == RESET_BINARY_LOGS_SINCE_MAJOR
                && server.getDatabaseMinorVersion() >= RESET_BINARY_LOGS_SINCE_MINOR);
        Sql.execute(admin, newSpelling ? "RESET BINARY LOGS AND GTIDS" : "RESET MASTER");
    }

    @Override
    public void startReplication(Connection admin) throws SQLException {
        Sql.execute(admin, "START REPLICA");
    }

    @Override
    public void stopReplication(Connection admin) throws SQLException {
        Sql.execute(admin, "STOP REPLICA");
    }

    @Override
    public void startApplier(Connection admin) throws SQLException {
        Sql.execute(admin, "START REPLICA SQL_THREAD");
    }

    @Override
    public void stopApplier(Connection admin) throws SQLException {
        Sql.execute(admin, "STOP REPLICA SQL_THREAD");
    }

    @Override
    public void forgetSource(Connection admin) throws SQLException {
        Sql.execute(admin, "STOP REPLICA", "RESET REPLICA ALL");
    }

    @Override
    public void setDelay(Connection admin, int seconds) throws SQLException {
        Sql.execute(admin, "STOP REPLICA SQL_THREAD",
                "CHANGE REPLICATION SOURCE TO SOURCE_DELAY = " + seconds,
                "START REPLICA SQL_THREAD");
    }

    @Override
    public void startFrom(Connection admin, String position) throws SQLException {
        // Auto-positioning sends gtid_executed, so the server's own history has to become exactly the position.
        resetBinaryLogs(admin);
        if (!position.isEmpty()) {
            Sql.executeWith(admin, "SET GLOBAL gtid_purged = ?", position);
        }
    }

    @Override
    public void continueFromOwnBinaryLog(Connection admin) {
        // Auto-positioning already sends everything this server executed.
    }

    @Override
    public void pointAt(Connection admin, String host, int port, Credentials replication) throws SQLException {
        // GET_SOURCE_PUBLIC_KEY: caching_sha2_password over a connection without TLS.
        Sql.execute(admin, "CHANGE REPLICATION SOURCE TO SOURCE_HOST = " + Sql.literal(host)
                + ", SOURCE_PORT = " + port
                + ", SOURCE_USER = " + Sql.literal(replication.user())
                + ", SOURCE_PASSWORD = " + Sql.literal(replication.password())
                + ", SOURCE_AUTO_POSITION = 1, SOURCE_CONNECT_RETRY = 1, SOURCE_DELAY = 0"
                + ", GET_SOURCE_PUBLIC_KEY = 1");
    }

    @Override
    public String gtidPosition(Connection admin) throws SQLException {
        // gtid_executed breaks lines between server UUIDs.
        return Sql.queryString(admin, "SELECT @@GLOBAL.gtid_executed").orElse("").replace("\n", "");
    }

    @Override
    public boolean awaitGtidPosition(Connection admin, String position, Duration timeout) throws SQLException {
        try (PreparedStatement wait = admin.prepareStatement("SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)")) {
            wait.setString(1, position);
            wait.setLong(2, Math.max(1, (timeout.toMillis() + 999) / 1000));
            try (ResultSet result = wait.executeQuery()) {
                result.next();
                return result.getInt(1) == 0;
            }
        }
    }

    @Override
    public Optional<ReplicaStatus> replicaStatus(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
                ResultSet status = statement.executeQuery("SHOW REPLICA STATUS")) {
            if (!status.next()) {
                return Optional.empty();
            }
            return Optional.of(new ReplicaStatus(
                    "Yes".equals(status.getString("Replica_IO_Running")),
                    "Yes".equals(status.getString("Replica_SQL_Running")),
                    status.getString("Last_IO_Error"),
                    status.getString("Last_SQL_Error")));
        }
    }
}
