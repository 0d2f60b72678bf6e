package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks one node over its own connection, outside the node's pool: a full or exhausted pool must not make a healthy
 * node look dead, and a check must never wait behind application traffic.
 */
final class NodeProbe {
    private static final Logger log = LoggerFactory.getLogger(NodeProbe.class);

    /** MySQL and MariaDB error codes for a missing privilege (specific, table and database access denied). */
    private static final int ER_SPECIFIC_ACCESS_DENIED = 1227;
    private static final int ER_TABLEACCESS_DENIED = 1142;
    private static final int ER_DBACCESS_DENIED = 1044;
    private static final int ER_PARSE_ERROR = 1064;

    private final Node node;
    private final String url;
    private final Properties properties;
    private final LagPolicy lag;
    private final boolean trackPositions;
    private final boolean discoverRoles;
    private volatile Connection connection;
    /** The primary's heartbeat writes go through this one, never through the liveness check's connection. */
    private volatile Connection heartbeatConnection;
    private boolean heartbeatWarned;
    private boolean legacyStatusSyntax;
    private boolean privilegeWarned;
    private boolean positionWarned;
    private volatile SQLException lastFailure;

    NodeProbe(Node node, String url, Properties properties, LagPolicy lag, boolean trackPositions,
              boolean discoverRoles) {
        this.node = node;
        this.url = url;
        this.properties = properties;
        this.lag = lag;
        this.trackPositions = trackPositions;
        this.discoverRoles = discoverRoles;
    }

    Node node() {
        return node;
    }

    /** The connection error of the last failed check, or null: an authentication failure is worth reporting at once. */
    SQLException lastFailure() {
        return lastFailure;
    }

    /**
     * Checks the node once. When the check connection was an old one and broke (a KILL, a proxy, a server restart),
     * a fresh connection is tried at once: only connecting tells a dead server from a cut session.
     */
    CheckOutcome check(boolean primaryDown) {
        boolean reused = connection != null;
        try {
            return answered(primaryDown);
        } catch (SQLException | RuntimeException first) {
            closeConnection();
            if (!reused || CheckOutcome.isTimeout(first)) {
                return failed(first);
            }
            try {
                return answered(primaryDown);
            } catch (SQLException | RuntimeException second) {
                closeConnection();
                return failed(second);
            }
        }
    }

    private CheckOutcome answered(boolean primaryDown) throws SQLException {
        Connection checked = connection();
        StatusReading status = discoverRoles ? observeRole(checked) : null;
        NodeHealth health = node.isPrimary() ? checkPrimary(checked) : checkReplica(checked, primaryDown, status);
        lastFailure = null;
        return CheckOutcome.answered(health);
    }

    private CheckOutcome failed(Exception failure) {
        String why;
        if (failure instanceof SQLException sql) {
            lastFailure = sql;
            why = connectFailure(sql);
        } else {
            // Connector/J wraps some protocol failures in unchecked exceptions; the node is unusable either way.
            why = firstLine(String.valueOf(failure.getMessage()));
        }
        return CheckOutcome.isTimeout(failure) ? CheckOutcome.missed(why) : CheckOutcome.refused(why);
    }

    /**
     * The primary is alive when it answers a ping. The heartbeat row is written apart ({@link #writeHeartbeat}): a
     * write waits behind table locks, a global read lock or a semi-synchronous acknowledgement, none of which means
     * the server is gone.
     */
    private NodeHealth checkPrimary(Connection checked) throws SQLException {
        checked.unwrap(JdbcConnection.class).ping();
        return NodeHealth.up(-1);
    }

    /**
     * lagSource=heartbeat: stamps the primary's clock, on a connection of its own so that a write stuck behind a
     * lock never delays the next liveness check. Its lock waits are short, and a failure only means replicas measured
     * by heartbeat may read as lagging meanwhile.
     */
    void writeHeartbeat() {
        try {
            lag.heartbeat().write(heartbeatConnection());
            heartbeatWarned = false;
        } catch (SQLException | RuntimeException e) {
            if (!(e instanceof SQLException sql) || ConnectionFailures.isConnectionFailure(sql)
                    || CheckOutcome.isTimeout(e)) {
                closeHeartbeatConnection();
            }
            if (heartbeatWarned) {
                log.debug("rwsplit: writing the heartbeat on {} failed again", node, e);
                return;
            }
            heartbeatWarned = true;
            log.warn("rwsplit: writing the heartbeat on {} failed or waited too long ({}); the primary's health is not"
                    + " affected, but replicas measured by heartbeat may look lagging until a write succeeds", node,
                    firstLine(e.getMessage()));
        }
    }

    private Connection heartbeatConnection() throws SQLException {
        Connection current = heartbeatConnection;
        if (current == null || current.isClosed()) {
            current = ConnectorDriver.connect(url, properties);
            try (Statement statement = current.createStatement()) {
                // One second at most behind LOCK TABLES, FLUSH TABLES WITH READ LOCK or a row lock: then try again.
                statement.execute("SET SESSION lock_wait_timeout = 1, innodb_lock_wait_timeout = 1");
            } catch (SQLException e) {
                current.close();
                throw e;
            }
            heartbeatConnection = current;
        }
        return current;
    }

    private void closeHeartbeatConnection() {
        Connection current = heartbeatConnection;
        heartbeatConnection = null;
        close(current);
    }

    /**
     * primaryDiscovery: asks the server whether it accepts writes and whether it replicates, for the cluster to decide
     * who is primary. Returns the replication status it read, so the lag check need not read it again.
     */
    private StatusReading observeRole(Connection checked) throws SQLException {
        boolean writable;
        try (Statement statement = checked.createStatement();
             ResultSet row = statement.executeQuery("SELECT @@global.read_only")) {
            writable = row.next() && row.getInt(1) == 0;
        }
        StatusReading status = readStatusReporting(checked);
        boolean replicating = status.privilegeMissing() ? !writable : status.status() != null;
        node.observedRole(new RoleObservation(writable, replicating));
        return status;
    }

    private NodeHealth checkReplica(Connection checked, boolean primaryDown, StatusReading known) throws SQLException {
        NodeHealth health;
        if (!lag.enabled() || primaryDown) {
            // Without a primary there is nothing newer to lag behind: a replica that answers serves its last state.
            checked.unwrap(JdbcConnection.class).ping();
            health = NodeHealth.up(-1);
        } else if (lag.heartbeat() != null) {
            health = checkByHeartbeat(checked);
        } else {
            health = verdict(known != null ? known : readStatusReporting(checked));
        }
        if (trackPositions) {
            readAppliedPosition(checked);
        }
        return health;
    }

    /** Records what the replica has applied, so reads after a write can often skip waiting for it. */
    private void readAppliedPosition(Connection checked) throws SQLException {
        try (Statement statement = checked.createStatement();
             ResultSet row = statement.executeQuery(node.flavor(checked).appliedPosition())) {
            if (row.next()) {
                node.advanceApplied(GtidSet.parse(row.getString(1)));
            }
        } catch (SQLException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                throw e;
            }
            log.debug("reading the applied GTID position of {} failed", node, e);
        } catch (IllegalArgumentException e) {
            // Reads after writes still work without it (they wait on the replica, or go to the primary); say so once.
            if (!positionWarned) {
                positionWarned = true;
                log.warn("rwsplit: {} reported a GTID position rwsplit cannot read ({}); reads after a write wait on"
                        + " this replica or go to the primary", node, e.getMessage());
            } else {
                log.debug("{} reported a GTID position rwsplit cannot read", node, e);
            }
        }
    }

    private NodeHealth checkByHeartbeat(Connection checked) throws SQLException {
        long millis;
        try {
            millis = lag.heartbeat().lagMillis(checked);
        } catch (SQLException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                throw e;
            }
            return NodeHealth.lagging(-1, "heartbeat unreadable: " + firstLine(e.getMessage()));
        }
        if (millis < 0) {
            return NodeHealth.lagging(-1, "no heartbeat from the primary has arrived yet");
        }
        return lag.verdict(millis);
    }

    /** A replication status, or why there is none to read. */
    private record StatusReading(ReplicaStatus status, boolean privilegeMissing, String failure) {
    }

    private StatusReading readStatusReporting(Connection checked) throws SQLException {
        try {
            return new StatusReading(readStatus(checked), false, null);
        } catch (SQLException e) {
            if (ConnectionFailures.isConnectionFailure(e)) {
                throw e;
            }
            if (isMissingPrivilege(e)) {
                warnMissingPrivilege(e);
                return new StatusReading(null, true, null);
            }
            return new StatusReading(null, false, firstLine(e.getMessage()));
        }
    }

    private NodeHealth verdict(StatusReading reading) {
        if (reading.privilegeMissing()) {
            return NodeHealth.lagging(-1, "lag unknown: the user may not read replication status");
        }
        if (reading.failure() != null) {
            return NodeHealth.lagging(-1, "lag unknown: " + reading.failure());
        }
        ReplicaStatus status = reading.status();
        if (status == null) {
            return NodeHealth.lagging(-1, "not replicating (replication status is empty)");
        }
        if (!status.sqlThreadRunning()) {
            return NodeHealth.lagging(-1, "replication SQL thread not running" + reason(status.lastSqlError()));
        }
        if (!status.ioThreadRunning()) {
            return NodeHealth.lagging(-1, "replication I/O thread " + status.ioRunning() + reason(status.lastIoError()));
        }
        if (status.secondsBehind() == null) {
            return NodeHealth.lagging(-1, "lag unknown (the server reports NULL)");
        }
        return lag.verdict(status.secondsBehind() * 1000);
    }

    private ReplicaStatus readStatus(Connection checked) throws SQLException {
        try (Statement statement = checked.createStatement()) {
            if (!legacyStatusSyntax) {
                try (ResultSet rows = statement.executeQuery("SHOW REPLICA STATUS")) {
                    return ReplicaStatus.read(rows);
                } catch (SQLException e) {
                    if (e.getErrorCode() != ER_PARSE_ERROR) {
                        throw e;
                    }
                    // MySQL before 8.0.22 and MariaDB before 10.5.1 know only the older spelling.
                    legacyStatusSyntax = true;
                }
            }
            try (ResultSet rows = statement.executeQuery("SHOW SLAVE STATUS")) {
                return ReplicaStatus.read(rows);
            }
        }
    }

    private void warnMissingPrivilege(SQLException e) {
        if (privilegeWarned) {
            return;
        }
        privilegeWarned = true;
        log.warn("rwsplit: the monitor may not read replication status on {} ({}). Grant the user SLAVE MONITOR "
                + "(MariaDB 10.5.9+; REPLICATION CLIENT on MySQL), or use lagSource=heartbeat. Until then this "
                + "replica's lag is unknown and it gets no reads.", node, e.getMessage());
    }

    private static boolean isMissingPrivilege(SQLException e) {
        int code = e.getErrorCode();
        return code == ER_SPECIFIC_ACCESS_DENIED || code == ER_TABLEACCESS_DENIED || code == ER_DBACCESS_DENIED;
    }

    private Connection connection() throws SQLException {
        Connection current = connection;
        if (current == null || current.isClosed()) {
            current = ConnectorDriver.connect(url, properties);
            connection = current;
            node.flavor(current);
        }
        return current;
    }

    /** Whether this probe writes the heartbeat row when its node is the primary. */
    boolean writesHeartbeat() {
        return lag.heartbeat() != null;
    }

    void closeConnection() {
        Connection current = connection;
        connection = null;
        close(current);
    }

    void closeConnections() {
        closeConnection();
        closeHeartbeatConnection();
    }

    private void close(Connection current) {
        if (current != null) {
            try {
                current.close();
            } catch (SQLException | RuntimeException e) {
                log.debug("closing a check connection to {} failed", node, e);
            }
        }
    }

    private static String reason(String error) {
        return error.isEmpty() ? "" : ": " + firstLine(error);
    }

    /**
     * Why connecting or checking failed, in a line. Connector/J reports a failed TLS handshake as "Communications link
     * failure" and keeps the reason in a cause; that reason, and where to look, is what a user needs.
     */
    static String connectFailure(SQLException failure) {
        String detail = firstLine(failure.getMessage());
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SSLException) {
                return detail + ": TLS handshake failed: " + firstLine(cause.getMessage()) + " (check sslMode, and that"
                        + " the trust store trustCertificateKeyStoreUrl holds the authority that signed the server's"
                        + " certificate)";
            }
        }
        return detail;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end).trim();
    }
}
