package io.github.rwsplit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The designs compared side by side. Every URL carries the same Connector/J properties, {@code bench.connectorProperties}
 * (by default server-side prepared statements, cached).
 */
final class Designs {
    static final String CONNECTOR_PROPERTIES = System.getProperty("bench.connectorProperties",
            "useServerPrepStmts=true&cachePrepStmts=true");

    private Designs() {
    }

    static HikariDataSource hikari(ReplicationCluster cluster, String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(cluster.appUser());
        config.setPassword(cluster.appPassword());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        return new HikariDataSource(config);
    }

    static String nodeUrl(ClusterNode node, ReplicationCluster cluster) {
        return withProperties("jdbc:mysql://" + node.host() + ":" + node.port() + "/" + cluster.database());
    }

    private static String withProperties(String url) {
        return CONNECTOR_PROPERTIES.isEmpty() ? url : url + (url.contains("?") ? "&" : "?") + CONNECTOR_PROPERTIES;
    }

    /**
     * The floor: one Connector/J connection per thread, held for the whole run, reads to the first replica (writes to
     * the primary): a statement with nothing around it.
     */
    static Design directHeld(ReplicationCluster cluster) {
        return heldOn("direct (one Connector/J connection per thread)", cluster.replicas().get(0), cluster);
    }

    /** One held Connector/J connection per thread to {@code replica} for reads, and one to the primary for writes. */
    private static HeldConnections heldOn(String name, ClusterNode replica, ReplicationCluster cluster) {
        return new HeldConnections(name, opener(nodeUrl(replica, cluster), cluster),
                opener(nodeUrl(cluster.primary(), cluster), cluster), () -> { });
    }

    private static HeldConnections.Opener opener(String url, ReplicationCluster cluster) {
        return () -> DriverManager.getConnection(url, cluster.appUser(), cluster.appPassword());
    }

    /**
     * The floor with as many busy servers as rwsplit has: one held Connector/J connection per thread, the threads dealt
     * over the replicas in turn. Where the client shares its cores with the servers, how many server processes are
     * busy changes the client's own CPU per statement (context switches, caches), whatever the driver does.
     */
    static Design directSpreadHeld(ReplicationCluster cluster) {
        List<HeldConnections.Opener> replicas = cluster.replicas().stream()
                .map(replica -> opener(nodeUrl(replica, cluster), cluster)).toList();
        AtomicInteger next = new AtomicInteger();
        return new HeldConnections("direct, threads spread over the replicas",
                () -> replicas.get(next.getAndIncrement() % replicas.size()).open(),
                opener(nodeUrl(cluster.primary(), cluster), cluster), () -> { });
    }

    /** The floor for reads placed one statement at a time over the replicas: {@link RoundRobinHeldConnections}. */
    static Design directRoundRobinHeld(ReplicationCluster cluster) {
        return new RoundRobinHeldConnections(cluster.replicas().stream()
                .map(replica -> heldOn("direct to " + replica.name(), replica, cluster)).toList());
    }

    /** rwsplit with one logical connection per thread, held for the whole run; {@code options} go on its URL. */
    static Design rwsplitHeld(ReplicationCluster cluster, int poolSize, String... options) {
        RwSplitDataSource dataSource = new RwSplitDataSource(rwsplitUrl(cluster, poolSize, options));
        String name = options.length == 0 ? "rwsplit (one connection per thread)"
                : "rwsplit, " + String.join(", ", options) + " (one connection per thread)";
        return new HeldConnections(name, dataSource::getConnection, dataSource::getConnection, dataSource::close);
    }

    /** Connector/J's replication URL, one connection per thread; reads flip it read-only. */
    static Design connectorJReplicationHeld(ReplicationCluster cluster) {
        String url = withProperties("jdbc:mysql:replication://" + cluster.hostList() + "/" + cluster.database());
        HeldConnections.Opener open = opener(url, cluster);
        return new HeldConnections("Connector/J replication (one connection per thread)", () -> {
            Connection connection = open.open();
            connection.setReadOnly(true);
            return connection;
        }, open, () -> { });
    }

    private static String rwsplitUrl(ReplicationCluster cluster, int poolSize, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        if (!CONNECTOR_PROPERTIES.isEmpty()) {
            all.addAll(Arrays.asList(CONNECTOR_PROPERTIES.split("&")));
        }
        all.add("pool.maximumPoolSize=" + poolSize);
        return cluster.rwsplitUrl(all.toArray(new String[0]));
    }

    /** HikariCP and Connector/J to the primary, everything there, a connection borrowed per request. */
    static Design direct(ReplicationCluster cluster, int poolSize) {
        HikariDataSource pool = hikari(cluster, nodeUrl(cluster.primary(), cluster), poolSize);
        return new Design() {
            public String name() {
                return "pooled direct (HikariCP + Connector/J, primary only)";
            }

            public Connection forRead() throws SQLException {
                return pool.getConnection();
            }

            public Connection forWrite() throws SQLException {
                return pool.getConnection();
            }

            public void close() {
                pool.close();
            }
        };
    }

    /** rwsplit with a getConnection() per request and no outer pool; {@code options} are added to its URL. */
    static Design rwsplit(ReplicationCluster cluster, int poolSize, String... options) {
        RwSplitDataSource dataSource = new RwSplitDataSource(rwsplitUrl(cluster, poolSize, options));
        return new Design() {
            public String name() {
                return "rwsplit (getConnection per request)";
            }

            public Connection forRead() throws SQLException {
                return dataSource.getConnection();
            }

            public Connection forWrite() throws SQLException {
                return dataSource.getConnection();
            }

            public void close() {
                dataSource.close();
            }
        };
    }

    /** Connector/J's replication URL under a HikariCP outer pool; reads flip the connection read-only. */
    static Design connectorJReplication(ReplicationCluster cluster, int poolSize) {
        HikariDataSource pool = hikari(cluster, withProperties("jdbc:mysql:replication://" + cluster.hostList() + "/"
                + cluster.database()), poolSize);
        return new Design() {
            public String name() {
                return "Connector/J replication + HikariCP";
            }

            public Connection forRead() throws SQLException {
                Connection connection = pool.getConnection();
                connection.setReadOnly(true);
                return connection;
            }

            public Connection forWrite() throws SQLException {
                return pool.getConnection();
            }

            public void close() {
                pool.close();
            }
        };
    }

    /** The classic design: a writer pool on the primary, a reader pool through HAProxy round robin. */
    static Design haproxy(ReplicationCluster cluster, HaproxyProcess haproxy, int poolSize) {
        HikariDataSource writer = hikari(cluster, nodeUrl(cluster.primary(), cluster), poolSize);
        HikariDataSource reader = hikari(cluster, withProperties("jdbc:mysql://127.0.0.1:" + haproxy.port() + "/"
                + cluster.database()), poolSize);
        return new Design() {
            public String name() {
                return "HAProxy roundrobin + 2 HikariCP pools";
            }

            public Connection forRead() throws SQLException {
                return reader.getConnection();
            }

            public Connection forWrite() throws SQLException {
                return writer.getConnection();
            }

            public void close() {
                reader.close();
                writer.close();
            }
        };
    }
}
