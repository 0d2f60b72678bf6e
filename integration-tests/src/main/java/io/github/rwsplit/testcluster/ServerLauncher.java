package io.github.rwsplit.testcluster;

/** Creates the servers of one cluster from one backend, and cleans up after them. */
interface ServerLauncher extends AutoCloseable {

    /** For the log: what kind of servers these are. */
    String description();

    ReplicationDialect dialect();

    /** A server with its own fresh data; not started yet. */
    ServerProcess create(String name, long serverId);

    /** Releases what the launcher holds; the servers are stopped already. */
    @Override
    void close();
}
