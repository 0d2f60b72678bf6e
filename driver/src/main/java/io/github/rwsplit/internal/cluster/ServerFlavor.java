package io.github.rwsplit.internal.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * MySQL and MariaDB name the same GTID facilities differently; this is every statement rwsplit needs for
 * read-your-writes, per server.
 */
public enum ServerFlavor {
    /**
     * MariaDB reports a session's last GTID through session tracking of {@code last_gtid}; replicas expose the applied
     * position as {@code gtid_slave_pos}, which {@code MASTER_GTID_WAIT} waits on.
     */
    MARIADB("SET SESSION session_track_system_variables = "
            + "CONCAT_WS(',', NULLIF(@@session.session_track_system_variables, ''), 'last_gtid')",
            "SELECT @@last_gtid", "SELECT @@global.gtid_slave_pos", "SELECT MASTER_GTID_WAIT(?, ?)"),
    /**
     * MySQL reports the session's own GTIDs with {@code session_track_gtids=OWN_GTID}; replicas expose
     * {@code gtid_executed}, which {@code WAIT_FOR_EXECUTED_GTID_SET} waits on.
     */
    MYSQL("SET SESSION session_track_gtids = OWN_GTID", "SELECT @@global.gtid_executed",
            "SELECT @@global.gtid_executed", "SELECT WAIT_FOR_EXECUTED_GTID_SET(?, ?)");

    private final String enableTracking;
    private final String lastWrite;
    private final String appliedPosition;
    private final String waitForPosition;

    ServerFlavor(String enableTracking, String lastWrite, String appliedPosition, String waitForPosition) {
        this.enableTracking = enableTracking;
        this.lastWrite = lastWrite;
        this.appliedPosition = appliedPosition;
        this.waitForPosition = waitForPosition;
    }

    /** Makes the server report the GTID of each transaction this session commits in the OK packet. */
    public String enableTracking() {
        return enableTracking;
    }

    /** Asks for the session's last write position when tracking is unavailable (one round trip). */
    public String lastWrite() {
        return lastWrite;
    }

    /** What a replica has applied. */
    public String appliedPosition() {
        return appliedPosition;
    }

    /** Waits on a replica for a position: parameters position and timeout in seconds; answers 0 when reached. */
    public String waitForPosition() {
        return waitForPosition;
    }

    static ServerFlavor of(Connection connection) throws SQLException {
        String version = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT);
        return version.contains("mariadb") ? MARIADB : MYSQL;
    }
}
