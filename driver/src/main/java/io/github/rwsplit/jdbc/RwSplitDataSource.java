package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.jdbc.ClusterRegistry.SharedCluster;
import io.github.rwsplit.metrics.ClusterStats;
import java.io.Closeable;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for frameworks that configure one rather than a URL. It holds its cluster (pools and monitor)
 * from the first {@link #getConnection()} until {@link #close()}, so connections opened and closed one after another
 * reuse the same pools.
 */
public class RwSplitDataSource implements DataSource, Closeable {
    private String url;
    private String user;
    private String password;
    private final Properties properties = new Properties();
    private int loginTimeout;
    private PrintWriter logWriter;
    private SharedCluster shared;
    private boolean closed;

    public RwSplitDataSource() {
    }

    public RwSplitDataSource(String url) {
        this.url = url;
    }

    public String getUrl() {
        return url;
    }

    /** {@code jdbc:rwsplit:mysql://PRIMARY[:PORT][,REPLICA[:PORT]]...[/DATABASE][?KEY=VALUE...]} */
    public synchronized void setUrl(String url) {
        requireUnstarted("url");
        this.url = url;
    }

    /** The same as {@link #setUrl(String)}, for frameworks that bind a property named jdbcUrl. */
    public void setJdbcUrl(String url) {
        setUrl(url);
    }

    public String getJdbcUrl() {
        return url;
    }

    public String getUser() {
        return user;
    }

    public synchronized void setUser(String user) {
        requireUnstarted("user");
        this.user = user;
    }

    /** The same as {@link #setUser(String)}, for frameworks that bind a property named username. */
    public void setUsername(String user) {
        setUser(user);
    }

    public String getUsername() {
        return user;
    }

    public synchronized void setPassword(String password) {
        requireUnstarted("password");
        this.password = password;
    }

    /** Options and Connector/J properties, as if given in the URL. */
    public synchronized void setProperties(Properties properties) {
        requireUnstarted("properties");
        this.properties.clear();
        this.properties.putAll(properties);
    }

    /** The properties as set, less every secret (password, trustCertificateKeyStorePassword, ...): getters get logged. */
    public synchronized Properties getProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.keySet().removeIf(key -> key.toString().toLowerCase(Locale.ROOT).contains("password"));
        return copy;
    }

    @Override
    public Connection getConnection() throws SQLException {
        SharedCluster cluster;
        synchronized (this) {
            if (closed) {
                throw new SQLException("rwsplit: this data source is closed", "08003");
            }
            if (shared == null) {
                shared = ClusterRegistry.acquire(config(user, password));
            }
            cluster = shared.retain();
        }
        try {
            return new RoutingConnection(cluster);
        } catch (RuntimeException e) {
            cluster.release();
            throw e;
        }
    }

    /** A connection with other credentials: a cluster of its own, shared with every other user of those credentials. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        synchronized (this) {
            if (closed) {
                throw new SQLException("rwsplit: this data source is closed", "08003");
            }
        }
        return RwSplitDriver.open(config(username, password));
    }

    private synchronized ClusterConfig config(String username, String secret) throws SQLException {
        if (url == null) {
            throw new SQLException("rwsplit: the data source has no URL; call setUrl(\"jdbc:rwsplit:mysql://...\")",
                    "08001");
        }
        Properties info = new Properties();
        info.putAll(properties);
        if (username != null) {
            info.setProperty("user", username);
        }
        if (secret != null) {
            info.setProperty("password", secret);
        }
        return RwSplitUrl.parse(url, info);
    }

    /** Per-node figures of this data source's cluster (docs/metrics.md); requires a first getConnection(). */
    public synchronized ClusterStats getClusterStats() {
        if (shared == null) {
            throw new IllegalStateException("rwsplit: the data source has not connected yet; call getConnection() first");
        }
        return shared.router().stats();
    }

    /**
     * Lets go of the cluster; its pools and monitor stop when the last connection using them closes, at once rather
     * than after {@code clusterLinger}.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (shared != null) {
            shared.releaseWithoutLinger();
            shared = null;
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    private void requireUnstarted(String property) {
        if (shared != null) {
            throw new IllegalStateException("rwsplit: set " + property + " before the first getConnection()");
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("rwsplit logs through SLF4J, not java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("rwsplit: the data source does not wrap a " + type.getName(), "S1009");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "RwSplitDataSource[" + (url == null ? "no URL" : RwSplitUrl.mask(url)) + "]";
    }
}
