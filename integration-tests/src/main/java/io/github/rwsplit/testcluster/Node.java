package io.github.rwsplit.testcluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A server of the cluster: its connections, its faults, and the replication settings the cluster applies. */
final class Node implements ClusterNode {

    private static final Logger log = LoggerFactory.getLogger(Node.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Connector/J's connectTimeout does not cover the server's greeting: only a read timeout keeps a
     * connection attempt to a frozen server from waiting forever.
     */
    private static final Duration TEST_READ_TIMEOUT = Duration.ofSeconds(60);
    /** The cluster's own statements never hang on a frozen server for longer than this. */
    private static final Duration ADMIN_SOCKET_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_PROBE_TIMEOUT = Duration.ofSeconds(2);
    /** Lets a reset drop the schema even past a test's forgotten lock, with an error instead of a hang. */
    private static final int RESET_LOCK_WAIT_SECONDS = 10;
    /** MySQL and MariaDB: the session was already gone. */
    private static final int UNKNOWN_THREAD = 1094;

    private final String name;
    private final long serverId;
    private final boolean replica;
    private final ServerProcess server;
    private final ReplicationDialect dialect;
    private final ClusterAccounts accounts;

    Node(String name, long serverId, boolean replica, ServerProcess server, ReplicationDialect dialect,
            ClusterAccounts accounts) {
        this.name = name;
        this.serverId = serverId;
        this.replica = replica;
        this.server = server;
        this.dialect = dialect;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String host() {
        return server.host();
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public long serverId() {
        return serverId;
    }

    @Override
    public boolean isReplica() {
        return replica;
    }

    @Override
    public String jdbcUrl() {
        return url(ClusterAccounts.DATABASE);
    }

    @Override
    public Connection adminConnection() throws SQLException {
        return connect(server.admin(), ClusterAccounts.DATABASE, TEST_READ_TIMEOUT);
    }

    @Override
    public Connection appConnection() throws SQLException {
        return connect(accounts.app(), ClusterAccounts.DATABASE, TEST_READ_TIMEOUT);
    }

    @Override
    public void kill() {
        if (!server.isRunning()) {
            log.info("{} is not running; nothing to kill", name);
            return;
        }
        String process = server.describe();
        server.kill();
        log.info("Fault: killed {} ({}, port {})", name, process, port());
    }

    @Override
    public void restart() {
        long started = System.nanoTime();
        server.start(this::acceptsConnections);
        log.info("Restarted {} on port {} ({}) in {} ms", name, port(), server.describe(), millisSince(started));
    }

    /** Starts the server for the first time. */
    void start() {
        server.start(this::acceptsConnections);
    }

    @Override
    public void freeze() {
        server.freeze();
        log.info("Fault: froze {} ({}): its connections stay open and nothing answers", name, server.describe());
    }

    @Override
    public void thaw() {
        if (server.isFrozen()) {
            server.thaw();
            log.info("Thawed {} ({})", name, server.describe());
        }
    }

    @Override
    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public boolean isFrozen() {
        return server.isFrozen();
    }

    @Override
    public void stopReplicaSqlThread() {
        admin("stopping the replication applier", admin -> dialect.stopApplier(admin));
        log.info("Fault: stopped the replication applier (SQL thread) of {}", name);
    }

    @Override
    public void startReplicaSqlThread() {
        admin("starting the replication applier", admin -> dialect.startApplier(admin));
        log.info("Started the replication applier (SQL thread) of {}", name);
    }

    @Override
    public void setReplicationDelay(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("a replication delay cannot be negative: " + seconds);
        }
        admin("setting the replication delay", admin -> dialect.setDelay(admin, seconds));
        if (seconds == 0) {
            log.info("Removed the replication delay of {}", name);
        } else {
            log.info("Fault: {} applies each event {} s after the primary wrote it", name, seconds);
        }
    }

    @Override
    public void setReadOnly(boolean readOnly) {
        admin("setting read_only", admin -> dialect.setReadOnly(admin, readOnly));
        log.info("{}: read_only={}", name, readOnly ? "ON" : "OFF");
    }

    @Override
    public String gtidPosition() {
        return query("reading the GTID position", dialect::gtidPosition);
    }

    @Override
    public boolean awaitGtidPosition(String position, Duration timeout) {
        try (Connection admin = admin(timeout.plus(ADMIN_SOCKET_TIMEOUT))) {
            return dialect.awaitGtidPosition(admin, position, timeout);
        } catch (SQLException e) {
            throw failure("waiting for GTID position " + position, e);
        }
    }

    @Override
    public void promote() {
        becomePrimary();
        log.info("Promoted {}: replication stopped and forgotten, read_only=OFF", name);
    }

    @Override
    public void replicateFrom(ClusterNode source) {
        if (!(source instanceof Node from) || from == this) {
            throw new IllegalArgumentException(name + " cannot replicate from " + source);
        }
        admin("pointing replication at " + from.name, admin -> {
            if (dialect.replicaStatus(admin).isPresent()) {
                dialect.stopReplication(admin);
            } else {
                // A former primary: what it has is its own binary log, not a replication position.
                dialect.continueFromOwnBinaryLog(admin);
            }
            pointAt(admin, from);
        });
        log.info("{} now replicates from {} (read_only=ON)", name, from.name);
    }

    /** Thaws a frozen server and restarts a killed one. */
    void heal() {
        thaw();
        if (!server.isRunning()) {
            restart();
        }
    }

    /** Ends the application user's sessions, so that none keeps a lock or a transaction into the next test. */
    int endApplicationSessions() {
        return query("ending application sessions", admin -> {
            List<Long> sessions = new ArrayList<>();
            try (PreparedStatement list = admin.prepareStatement(
                    "SELECT ID FROM information_schema.PROCESSLIST WHERE USER = ?")) {
                list.setString(1, accounts.app().user());
                try (ResultSet ids = list.executeQuery()) {
                    while (ids.next()) {
                        sessions.add(ids.getLong(1));
                    }
                }
            }
            for (long session : sessions) {
                try {
                    Sql.execute(admin, "KILL CONNECTION " + session);
                } catch (SQLException e) {
                    if (e.getErrorCode() != UNKNOWN_THREAD) {
                        throw e;
                    }
                }
            }
            return sessions.size();
        });
    }

    /** Drops the test schema here only: nothing goes to the binary log, so no replica repeats it. */
    void dropTestSchemaLocally() {
        admin("dropping the test schema", admin -> {
            dialect.allowAdministratorWrites(admin);
            Sql.execute(admin,
                    "SET SESSION sql_log_bin = 0",
                    "SET SESSION lock_wait_timeout = " + RESET_LOCK_WAIT_SECONDS,
                    "DROP DATABASE IF EXISTS `" + ClusterAccounts.DATABASE + "`");
        });
    }

    /** Forgets the binary log history, so that replicas start from what is written afterwards. */
    void clearBinaryLogs() {
        admin("clearing the binary logs", admin -> dialect.clearBinaryLogs(admin));
    }

    void stopReplicationIfAny() {
        admin("stopping replication", admin -> {
            if (dialect.replicaStatus(admin).isPresent()) {
                dialect.stopReplication(admin);
            }
        });
    }

    /** Stops the server for good, however it is. */
    void destroy() {
        server.destroy();
    }

    /** Takes writes: no replication source, read_only off. */
    void becomePrimary() {
        admin("making it a primary", admin -> {
            if (dialect.replicaStatus(admin).isPresent()) {
                dialect.forgetSource(admin);
            }
            dialect.setReadOnly(admin, false);
        });
    }

    /** Replicates from {@code source}, starting after {@code position} whatever this server did before. */
    void resyncFrom(Node source, String position) {
        admin("making it a replica of " + source.name, admin -> {
            if (dialect.replicaStatus(admin).isPresent()) {
                dialect.stopReplication(admin);
            }
            dialect.allowAdministratorWrites(admin);
            dialect.startFrom(admin, position);
            pointAt(admin, source);
        });
    }

    Optional<ReplicaStatus> replicaStatus() {
        return query("reading replica status", dialect::replicaStatus);
    }

    /** Runs statements as the administrator, without a default schema. */
    void execute(String what, String... statements) {
        admin(what, admin -> Sql.execute(admin, statements));
    }

    String version() {
        return query("reading the server version", admin -> Sql.queryString(admin, "SELECT VERSION()").orElse("?"));
    }

    String describeProcess() {
        return server.describe();
    }

    private void pointAt(Connection admin, Node source) throws SQLException {
        dialect.pointAt(admin, source.server.sourceHost(), source.server.sourcePort(), accounts.replication());
        dialect.startReplication(admin);
        dialect.setReadOnly(admin, true);
    }

    private boolean acceptsConnections() {
        try (Connection probe = connect(server.admin(), "", READY_PROBE_TIMEOUT)) {
            return probe.isValid((int) READY_PROBE_TIMEOUT.toSeconds());
        } catch (SQLException notYet) {
            return false;
        }
    }

    /** The administrator, without a default schema (the test schema may not exist), reads bounded. */
    private Connection admin(Duration socketTimeout) throws SQLException {
        return connect(server.admin(), "", socketTimeout);
    }

    private Connection connect(Credentials credentials, String database, Duration socketTimeout)
            throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.user());
        properties.setProperty("password", credentials.password());
        properties.setProperty("connectTimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
        properties.setProperty("socketTimeout", Long.toString(socketTimeout.toMillis()));
        // MySQL 8.4's caching_sha2_password wants the server's key when TLS is not in use.
        properties.setProperty("allowPublicKeyRetrieval", "true");
        return DriverManager.getConnection(url(database), properties);
    }

    private String url(String database) {
        return "jdbc:mysql://" + host() + ":" + port() + "/" + database;
    }

    private void admin(String what, AdminAction action) {
        query(what, admin -> {
            action.run(admin);
            return null;
        });
    }

    private <T> T query(String what, AdminQuery<T> query) {
        try (Connection admin = admin(ADMIN_SOCKET_TIMEOUT)) {
            return query.run(admin);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private ClusterException failure(String what, SQLException e) {
        return new ClusterException(name + " (" + host() + ":" + port() + "): " + what + " failed: "
                + e.getMessage(), e);
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    @Override
    public String toString() {
        return name + "(" + host() + ":" + port() + ", server_id=" + serverId + ")";
    }

    @FunctionalInterface
    private interface AdminAction {
        void run(Connection admin) throws SQLException;
    }

    @FunctionalInterface
    private interface AdminQuery<T> {
        T run(Connection admin) throws SQLException;
    }
}
