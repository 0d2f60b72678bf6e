package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.jdbc.ClusterRegistry.SharedCluster;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
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
