package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.HostSpec;
import io.github.rwsplit.internal.delegation.DelegatingDatabaseMetaData;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Database metadata, answered by the primary (docs/routing.md, rule 6) one call at a time: each call borrows a primary connection
 * (or uses the one this connection has pinned there), and a result set keeps it until closed.
 */
final class RoutingDatabaseMetaData extends DelegatingDatabaseMetaData {
    private final RoutingConnection connection;

    RoutingDatabaseMetaData(RoutingConnection connection) {
        this.connection = connection;
    }

    @Override
    protected <T> T call(MetaDataCall<T> call) throws SQLException {
        connection.checkOpen();
        return connection.session().withPrimary(lease -> call.apply(lease.connection().getMetaData()));
    }

    @Override
    protected ResultSet query(MetaDataCall<ResultSet> call) throws SQLException {
        connection.checkOpen();
        PhysicalConnection lease = connection.session().holdPrimary();
        try {
            return new RoutingResultSet(call.apply(lease.connection().getMetaData()),
                    RoutingResultSet.Origin.of(null, lease::release));
        } catch (SQLException | RuntimeException e) {
            lease.release();
            throw e;
        }
    }

    /** The cluster's rwsplit URL without options (so without credentials), not one node's Connector/J URL. */
    @Override
    public String getURL() throws SQLException {
        connection.checkOpen();
        ClusterConfig config = connection.session().router().cluster().config();
        StringBuilder url = new StringBuilder("jdbc:rwsplit:mysql://");
        for (HostSpec host : config.hosts()) {
            if (url.charAt(url.length() - 1) != '/') {
                url.append(',');
            }
            url.append(host.urlHost()).append(':').append(host.port());
        }
        url.append('/');
        if (config.database() != null) {
            url.append(config.database());
        }
        return url.toString();
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return call(metaData -> metaData.unwrap(type));
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || call(metaData -> metaData.isWrapperFor(type));
    }
}
