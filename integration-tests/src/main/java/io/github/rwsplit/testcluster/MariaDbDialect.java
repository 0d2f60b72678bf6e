package io.github.rwsplit.testcluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** MariaDB 10.5+: GTID replication with MASTER_USE_GTID=slave_pos. */
final class MariaDbDialect implements ReplicationDialect {

    @Override
    public String monitorPrivilege() {
        return "SLAVE MONITOR";
    }

    @Override
    public void setReadOnly(Connection admin, boolean readOnly) throws SQLException {
        Sql.execute(admin, "SET GLOBAL read_only = " + (readOnly ? "ON" : "OFF"));
    }

    @Override
    public void allowAdministratorWrites(Connection admin) {
        // read_only never binds an account with READ_ONLY ADMIN (SUPER before 10.11), as the administrator has.
    }

    @Override
    public void clearBinaryLogs(Connection admin) throws SQLException {
        Sql.execute(admin, "RESET MASTER");
    }

    @Override
    public void startReplication(Connection admin) throws SQLException {
        Sql.execute(admin, "START SLAVE");
    }

    @Override
    public void stopReplication(Connection admin) throws SQLException {
        Sql.execute(admin, "STOP SLAVE");
    }

    @Override
    public void startApplier(Connection admin) throws SQLException {
        Sql.execute(admin, "START SLAVE SQL_THREAD");
    }

    @Override
    public void stopApplier(Connection admin) throws SQLException {
        Sql.execute(admin, "STOP SLAVE SQL_THREAD");
    }

    @Override
    public void forgetSource(Connection admin) throws SQLException {
        Sql.execute(admin, "STOP SLAVE", "RESET SLAVE ALL");
    }

    @Override
    public void setDelay(Connection admin, int seconds) throws SQLException {
        // MariaDB changes MASTER_DELAY only with both replication threads stopped.
        Sql.execute(admin, "STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY = " + seconds, "START SLAVE");
    }

    @Override
    public void startFrom(Connection admin, String position) throws SQLException {
        // Replication fetches from gtid_slave_pos; local writes in this server's own binary log do not count.
        Sql.executeWith(admin, "SET GLOBAL gtid_slave_pos = ?", position);
    }

    @Override
    public void continueFromOwnBinaryLog(Connection admin) throws SQLException {
        Sql.execute(admin, "SET GLOBAL gtid_slave_pos = @@GLOBAL.gtid_binlog_pos");
    }

    @Override
    public void pointAt(Connection admin, String host, int port, Credentials replication) throws SQLException {
        Sql.execute(admin, "CHANGE MASTER TO MASTER_HOST = " + Sql.literal(host)
                + ", MASTER_PORT = " + port
                + ", MASTER_USER = " + Sql.literal(replication.user())
                + ", MASTER_PASSWORD = " + Sql.literal(replication.password())
                + ", MASTER_USE_GTID = slave_pos, MASTER_CONNECT_RETRY = 1, MASTER_DELAY = 0"
                // 11.4 replicates over TLS by default; the cluster's servers run without it unless a test brings
                // certificates, and the replication user never needs it.
                + ", MASTER_SSL = 0");
    }

    @Override
    public String gtidPosition(Connection admin) throws SQLException {
        return Sql.queryString(admin, "SELECT @@GLOBAL.gtid_binlog_pos").orElse("");
    }

    @Override
    public boolean awaitGtidPosition(Connection admin, String position, Duration timeout) throws SQLException {
        try (PreparedStatement wait = admin.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
            wait.setString(1, position);
            wait.setDouble(2, timeout.toMillis() / 1000.0);
            try (ResultSet result = wait.executeQuery()) {
                result.next();
                return result.getInt(1) == 0;
            }
        }
    }

    @Override
    public Optional<ReplicaStatus> replicaStatus(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
                ResultSet status = statement.executeQuery("SHOW SLAVE STATUS")) {
            if (!status.next()) {
                return Optional.empty();
            }
            return Optional.of(new ReplicaStatus(
                    "Yes".equals(status.getString("Slave_IO_Running")),
                    "Yes".equals(status.getString("Slave_SQL_Running")),
                    status.getString("Last_IO_Error"),
                    status.getString("Last_SQL_Error")));
        }
    }
}
