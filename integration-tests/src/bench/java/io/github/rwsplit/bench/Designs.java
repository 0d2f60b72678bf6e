package io.github.rwsplit.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The designs compared side by side. */
final class Designs {
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
        return "jdbc:mysql://" + node.host() + ":" + node.port() + "/" + cluster.database();
    }

    /** The floor: HikariCP and Connector/J to the primary, everything there. */
    static Design direct(ReplicationCluster cluster, int poolSize) {
        HikariDataSource pool = hikari(cluster, nodeUrl(cluster.primary(), cluster), poolSize);
        return new Design() {
            public String name() {
                return "direct (HikariCP + Connector/J, primary only)";
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

    static Design rwsplit(ReplicationCluster cluster, int poolSize, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add("pool.maximumPoolSize=" + poolSize);
        RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl(all.toArray(new String[0])));
        return new Design() {
            public String name() {
                return "rwsplit";
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
        HikariDataSource pool = hikari(cluster, "jdbc:mysql:replication://" + cluster.hostList() + "/"
                + cluster.database(), poolSize);
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
        HikariDataSource reader = hikari(cluster, "jdbc:mysql://127.0.0.1:" + haproxy.port() + "/"
                + cluster.database(), poolSize);
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
