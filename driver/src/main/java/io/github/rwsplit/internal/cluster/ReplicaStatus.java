package io.github.rwsplit.internal.cluster;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One row of {@code SHOW REPLICA STATUS} / {@code SHOW SLAVE STATUS}, read by column name so that both column families
 * work: MySQL 8.0.22+ says {@code Seconds_Behind_Source} and {@code Replica_IO_Running}, MariaDB and older MySQL say
 * {@code Seconds_Behind_Master} and {@code Slave_IO_Running}.
 *
 * @param secondsBehind null when the server reports NULL (SQL thread stopped, or caught up with no I/O thread), or
 *                      anything that is not a number of seconds
 */
public record ReplicaStatus(String ioRunning, String sqlRunning, Long secondsBehind, String lastIoError,
                            String lastSqlError) {

    /** Reads the first row of a status result set; null when it is empty (the node does not replicate). */
    public static ReplicaStatus read(ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return null;
        }
        ResultSetMetaData meta = rows.getMetaData();
        Map<String, String> columns = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            columns.put(meta.getColumnLabel(i), rows.getString(i));
        }
        return of(columns);
    }

    /** Builds the status from column name to text value, as the server printed it. */
    public static ReplicaStatus of(Map<String, String> columns) {
        Map<String, String> byName = new HashMap<>();
        columns.forEach((name, value) -> byName.put(name.toLowerCase(Locale.ROOT), value));
        String behind = either(byName, "seconds_behind_source", "seconds_behind_master");
        return new ReplicaStatus(
                either(byName, "replica_io_running", "slave_io_running"),
                either(byName, "replica_sql_running", "slave_sql_running"),
                seconds(behind),
                text(byName.get("last_io_error")),
                text(byName.get("last_sql_error")));
    }

    public boolean ioThreadRunning() {
        return "Yes".equalsIgnoreCase(ioRunning);
    }

    public boolean sqlThreadRunning() {
        return "Yes".equalsIgnoreCase(sqlRunning);
    }

    private static String either(Map<String, String> byName, String preferred, String legacy) {
        return byName.containsKey(preferred) ? byName.get(preferred) : byName.get(legacy);
    }

    /** NULL, blank or anything but a count of seconds is an unknown lag, never an exception in the monitor. */
    private static Long seconds(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
