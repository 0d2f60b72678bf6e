package io.github.rwsplit.examples;

import io.github.rwsplit.jdbc.RoutingConnection;
import io.github.rwsplit.metrics.ClusterStats;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * rwsplit's figures through an outer pool (HikariCP, Spring Boot's pool): the pool's connection proxy unwraps to
 * rwsplit's logical connection. With {@code HikariConfig.setDataSource(new RwSplitDataSource(url))}, calling
 * {@code getClusterStats()} on that data source gives the same.
 */
public final class PooledClusterStats {
    private PooledClusterStats() {
    }

    /** Borrows a connection for the moment; an rwsplit connection holds no server connection for it. */
    public static ClusterStats read(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.unwrap(RoutingConnection.class).clusterStats();
        }
    }
}
