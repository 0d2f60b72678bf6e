package io.github.rwsplit.internal.cluster;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What a node's pool opens connections through: Connector/J with the node's URL and every pass-through property.
 * Handing HikariCP this rather than a driver class and data source properties keeps the properties out of HikariCP's
 * DEBUG dump of its configuration, which masks {@code password} but shows {@code trustCertificateKeyStorePassword},
 * {@code clientCertificateKeyStorePassword} and the rest in clear.
 */
final class NodeDataSource implements DataSource {

    private final String url;
    private final Properties properties;
    private final String description;
    private volatile int loginTimeout;
    /** When the pool's last attempt to connect failed (System.nanoTime); 0 while none has. */
    private volatile long lastFailureNanos;

    /** @param description how the pool's logs name it; must hold no secret */
    NodeDataSource(String url, Properties properties, String description) {
        this.url = url;
        this.properties = properties;
        this.description = description;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection;
        try {
            connection = ConnectorDriver.connect(url, properties);
        } catch (SQLException | RuntimeException e) {
            lastFailureNanos = System.nanoTime();
            throw e;
        }
        if (connection == null) {
            // Only when Connector/J does not accept the URL, which NodePools builds itself.
            throw new SQLException("rwsplit: Connector/J did not accept the URL of " + description, "08001");
        }
        return connection;
    }

    /**
     * When the pool's last attempt to connect failed. HikariCP keeps reporting its last failure until an attempt
     * succeeds, which after a failure it retries only with a growing back-off: the time tells a fresh failure from one
     * older than the node's last answer.
     */
    long lastFailureNanos() {
        return lastFailureNanos;
    }

    /** The pool never asks with other credentials: the node's are in the properties. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("rwsplit: a node's connections all use the cluster's credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // Connector/J logs on its own; nothing goes through a DataSource log writer.
    }

    /** Kept for the pool's sake; Connector/J's connectTimeout, set from pool.connectionTimeout, bounds connecting. */
    @Override
    public void setLoginTimeout(int seconds) {
        loginTimeout = seconds;
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
        throw new SQLException("rwsplit: a node data source wraps no " + type.getName(), "S1009");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return description;
    }
}
