package io.github.rwsplit.internal.cluster;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.HostSpec;
import io.github.rwsplit.internal.config.Options;
import java.util.Properties;

/** Builds a node's HikariCP pool from the cluster configuration (the pool.* options). */
final class NodePools {
    private static final String CONNECT_TIMEOUT = "connectTimeout";
    private static final String TRACK_SESSION_STATE = "trackSessionState";

    private NodePools() {
    }

    /**
     * @param gtidTracking SQL that makes a new session report its commits' GTIDs (read-your-writes), or null
     */
    static HikariSource open(ClusterConfig config, HostSpec host, String gtidTracking) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("rwsplit-" + config.clusterName() + "-" + host);
        Properties properties = connectorProperties(config);
        NodeDataSource connector = new NodeDataSource(config.connectorUrl(host), properties, "Connector/J to " + host);
        pool.setDataSource(connector);
        // Unused for connecting (the data source is): HikariCP recognizes MySQL by its URL and then changes network
        // timeouts on the calling thread. Connector/J 8 applies setNetworkTimeout through the executor it is given, so
        // HikariCP's asynchronous one could leave the validation timeout on the socket while a statement runs.
        pool.setJdbcUrl(config.connectorUrl(host));
        int maximum = config.get(Options.POOL_MAXIMUM_POOL_SIZE);
        pool.setMaximumPoolSize(maximum);
        pool.setMinimumIdle(config.get(Options.POOL_MINIMUM_IDLE));
        long connectionTimeout = config.get(Options.POOL_CONNECTION_TIMEOUT).toMillis();
        pool.setConnectionTimeout(connectionTimeout);
        // Hikari requires validation to finish before the borrower's deadline.
        pool.setValidationTimeout(Math.max(250, Math.min(5_000, connectionTimeout / 2)));
        pool.setIdleTimeout(config.get(Options.POOL_IDLE_TIMEOUT).toMillis());
        pool.setMaxLifetime(config.get(Options.POOL_MAX_LIFETIME).toMillis());
        pool.setKeepaliveTime(config.get(Options.POOL_KEEPALIVE_TIME).toMillis());
        // A node that is down when the application starts must not stop it: the monitor reports it, the pool waits.
        pool.setInitializationFailTimeout(-1);
        pool.setThreadFactory(new DaemonThreads("rwsplit-pool-" + config.clusterName() + "-" + host));
        boolean okPackets = gtidTracking != null && "true".equalsIgnoreCase(properties.getProperty(TRACK_SESSION_STATE))
                && ConnectorDriver.reportsSessionStateInOkPackets();
        if (okPackets) {
            // Every session of the pool reports its GTIDs from birth: no per-borrow bookkeeping on the write path.
            pool.setConnectionInitSql(gtidTracking);
        }
        return new HikariSource(new HikariDataSource(pool), okPackets, connector::lastFailureNanos);
    }

    /**
     * Connector/J's properties for a node. Without a connectTimeout, Connector/J waits for the operating system's TCP
     * timeout (minutes) on a silent host; the pool's own deadline is the natural bound.
     */
    static Properties connectorProperties(ClusterConfig config) {
        Properties properties = config.connectorProperties();
        if (!properties.containsKey(CONNECT_TIMEOUT)) {
            properties.setProperty(CONNECT_TIMEOUT,
                    Long.toString(config.get(Options.POOL_CONNECTION_TIMEOUT).toMillis()));
        }
        if (config.get(Options.READ_YOUR_WRITES) && !properties.containsKey(TRACK_SESSION_STATE)
                && ConnectorDriver.reportsSessionStateInOkPackets()) {
            // Lets the OK packet of a commit carry its GTID, so read-your-writes costs no extra round trip.
            properties.setProperty(TRACK_SESSION_STATE, "true");
        }
        return properties;
    }
}
