package io.github.rwsplit.testcluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** The replication statements of one server product; every method runs on an administrator connection. */
interface ReplicationDialect {

    /** The global privilege that lets a user read replica status, as a lag monitor does. */
    String monitorPrivilege();

    /**
     * Makes the server refuse writes ({@code true}) or take them. A replica refuses even administrators' writes where
     * the server can (MySQL's {@code super_read_only}); replication itself always applies.
     */
    void setReadOnly(Connection admin, boolean readOnly) throws SQLException;

    /**
     * Lets the administrator write on this server until the next {@link #setReadOnly}, while applications stay
     * refused: for the cluster's own housekeeping on a replica.
     */
    void allowAdministratorWrites(Connection admin) throws SQLException;

    /** Empties the binary log and its GTID history, so replicas fetch only what is written afterwards. */
    void clearBinaryLogs(Connection admin) throws SQLException;

    void startReplication(Connection admin) throws SQLException;

    void stopReplication(Connection admin) throws SQLException;

    void startApplier(Connection admin) throws SQLException;

    void stopApplier(Connection admin) throws SQLException;

    /** Stops replication and forgets the source, as a promoted server does. */
    void forgetSource(Connection admin) throws SQLException;

    void setDelay(Connection admin, int seconds) throws SQLException;

    /**
     * With replication stopped: declares {@code position} applied, whatever this server did before,
     * so that it next fetches what follows it. An empty position means from the beginning.
     */
    void startFrom(Connection admin, String position) throws SQLException;

    /** With replication stopped, on a server that has not replicated: continue after its own binary log. */
    void continueFromOwnBinaryLog(Connection admin) throws SQLException;

    /** Points replication (stopped) at a source by GTID, with no delay and a one-second reconnect. */
    void pointAt(Connection admin, String host, int port, Credentials replication) throws SQLException;

    /** What this server's binary log holds, as a GTID position a replica can wait for. */
    String gtidPosition(Connection admin) throws SQLException;

    /** Blocks on the server until it has applied {@code position}; {@code false} on timeout. */
    boolean awaitGtidPosition(Connection admin, String position, Duration timeout) throws SQLException;

    /** Empty if this server has no replication source configured. */
    Optional<ReplicaStatus> replicaStatus(Connection admin) throws SQLException;
}
