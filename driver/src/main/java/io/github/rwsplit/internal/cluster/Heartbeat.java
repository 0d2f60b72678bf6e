package io.github.rwsplit.internal.cluster;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lag by heartbeat (lagSource=heartbeat): the monitor stamps the primary's clock into a row each interval and reads the
 * row back on each replica. Lag is the primary's estimated "now" minus the replica's stamp, both in the primary's clock,
 * so clock skew between servers does not matter. Resolution is one monitor interval, as with any heartbeat.
 */
final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    /** MySQL and MariaDB's "Lock wait timeout exceeded", for row, metadata and global read locks alike. */
    private static final int ER_LOCK_WAIT_TIMEOUT = 1205;

    private final String clusterName;
    private final String table;
    private volatile Beat last;
    private boolean tableEnsured;
    private boolean writeFailureWarned;

    /** The last stamp written: which primary wrote it, the primary's clock, and our clock at that moment. */
    private record Beat(long serverId, LocalDateTime primaryTime, long localNanos) {
    }

    Heartbeat(String clusterName, String table) {
        this.clusterName = clusterName;
        this.table = table;
    }

    String table() {
        return table;
    }

    /**
     * Writes the next stamp on the primary. A missing grant is reported once here.
     *
     * @throws SQLException when the connection broke, or the write timed out or waited too long for a lock
     */
    void write(Connection primary) throws SQLException {
        try (Statement statement = primary.createStatement()) {
            if (!tableEnsured) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (server_id INT UNSIGNED NOT NULL PRIMARY KEY, ts DATETIME(6) NOT NULL)");
                tableEnsured = true;
            }
            long serverId;
            LocalDateTime now;
            long before = System.nanoTime();
            try (ResultSet row = statement.executeQuery("SELECT @@server_id, NOW(6)")) {
                row.next();
                serverId = row.getLong(1);
                now = row.getObject(2, LocalDateTime.class);
            }
            long local = before + (System.nanoTime() - before) / 2;
            try (PreparedStatement stamp = primary.prepareStatement("INSERT INTO " + table
                    + " (server_id, ts) VALUES (?, ?) ON DUPLICATE KEY UPDATE ts = VALUES(ts)")) {
                stamp.setLong(1, serverId);
                stamp.setObject(2, now);
                stamp.executeUpdate();
            }
            last = new Beat(serverId, now, local);
            writeFailureWarned = false;
        } catch (SQLException e) {
            if (ConnectionFailures.isConnectionFailure(e) || CheckOutcome.isTimeout(e)
                    || e.getErrorCode() == ER_LOCK_WAIT_TIMEOUT) {
                // Not a grant problem: the caller decides what a broken or blocked heartbeat write means.
                throw e;
            }
            if (!writeFailureWarned) {
                writeFailureWarned = true;
                log.warn("rwsplit[{}]: cannot write the heartbeat table {} on the primary ({}); grant the monitoring user "
                        + "CREATE, INSERT and UPDATE on it, or create it as (server_id INT UNSIGNED PRIMARY KEY, "
                        + "ts DATETIME(6) NOT NULL). Until then replicas measured by heartbeat get no reads.",
                        clusterName, table, e.getMessage());
            }
        }
    }

    /**
     * The replica's lag in milliseconds, or -1 when it cannot be told (no stamp written yet, or none arrived).
     *
     * @throws SQLException when the row cannot be read (missing table or grant, or the connection failed)
     */
    long lagMillis(Connection replica) throws SQLException {
        Beat beat = last;
        if (beat == null) {
            return -1;
        }
        try (PreparedStatement read = replica.prepareStatement("SELECT ts FROM " + table + " WHERE server_id = ?")) {
            read.setLong(1, beat.serverId());
            try (ResultSet row = read.executeQuery()) {
                if (!row.next()) {
                    return -1;
                }
                LocalDateTime replicaStamp = row.getObject(1, LocalDateTime.class);
                long behindAtStamp = Duration.between(replicaStamp, beat.primaryTime()).toMillis();
                long sinceStamp = (System.nanoTime() - beat.localNanos()) / 1_000_000;
                return Math.max(0, behindAtStamp + sinceStamp);
            }
        }
    }
}
