package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.jdbc.ClusterRegistry.SharedCluster;
import io.github.rwsplit.metrics.ClusterStats;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The JDBC entry point for {@code jdbc:rwsplit:mysql://PRIMARY[,REPLICA]...} URLs. Registered with
 * {@link DriverManager} when the class loads (through META-INF/services/java.sql.Driver).
 */
public final class RwSplitDriver implements Driver {
    static final int MAJOR_VERSION = 0;
    static final int MINOR_VERSION = 1;

    static {
        try {
            DriverManager.registerDriver(new RwSplitDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            // JDBC: a driver returns null for URLs it does not handle, so DriverManager can ask the next one.
            return null;
        }
        return open(RwSplitUrl.parse(url, info == null ? new Properties() : info));
    }

    static Connection open(ClusterConfig config) throws SQLException {
        SharedCluster shared = ClusterRegistry.acquire(config);
        try {
            return new RoutingConnection(shared);
        } catch (RuntimeException e) {
            shared.release();
            throw e;
        }
    }

    /**
     * Per-node figures of the cluster that connections through this driver opened for {@code url} and
     * {@code properties}, for pools that wrap the driver (HikariCP given a {@code jdbc:rwsplit:} URL, as Spring Boot
     * configures it), where no {@link RwSplitDataSource} is at hand. The cluster is the one named as the URL and
     * properties name it (option {@code clusterName}); the credentials play no part and may be left out. Empty until a
     * first connection, and again once the cluster has closed after the last one. Asking neither opens a connection
     * nor keeps the cluster open.
     *
     * @throws SQLException {@code 01S00} when the URL or an option is malformed, as {@link #connect} would
     */
    public static Optional<ClusterStats> clusterStats(String url, Properties properties) throws SQLException {
        return ClusterRegistry.openStats(RwSplitUrl.parse(url, properties == null ? new Properties() : properties)
                .clusterName());
    }

    @Override
    public boolean acceptsURL(String url) {
        return RwSplitUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return RwSplitUrl.propertyInfo(url, info == null ? new Properties() : info);
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** Not JDBC compliant in the strict sense: MySQL itself is not (no full SQL-92 entry level). */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("rwsplit logs through SLF4J, not java.util.logging");
    }
}
