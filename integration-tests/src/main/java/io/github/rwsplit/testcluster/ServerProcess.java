package io.github.rwsplit.testcluster;

import java.util.function.BooleanSupplier;

/** The life of one database server: start, kill, freeze. What runs inside it is {@link Node}'s business. */
interface ServerProcess {

    /** Where clients reach it. */
    String host();

    int port();

    /** Where the other servers of the cluster reach it, as a replication source. */
    String sourceHost();

    int sourcePort();

    Credentials admin();

    /** For log lines: the process id or the container. */
    String describe();

    /**
     * Starts the server (again, on the same data and port) and returns once {@code acceptsConnections}
     * says so.
     */
    void start(BooleanSupplier acceptsConnections);

    /** Kills it without warning; returns when it is gone. Does nothing if it is not running. */
    void kill();

    /** Stops it from being scheduled, keeping its sockets open; returns when it is stopped. */
    void freeze();

    void thaw();

    boolean isRunning();

    boolean isFrozen();

    /** Stops it for good, however it is; its data may go. */
    void destroy();
}
