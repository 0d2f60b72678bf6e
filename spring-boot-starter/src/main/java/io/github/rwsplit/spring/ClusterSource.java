package io.github.rwsplit.spring;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.metrics.ClusterStats;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;

/** A data source bean whose connections are rwsplit's, and where its cluster's figures come from. */
sealed interface ClusterSource {

    /** The bean's name: the health contributor's name when several data sources are rwsplit's. */
    String beanName();

    /** The cluster's figures now; empty before the first connection and after the cluster has closed. */
    Optional<ClusterStats> stats() throws SQLException;

    /** An {@link RwSplitDataSource}, as a bean or inside a pool: it holds its cluster itself. */
    record OfDataSource(String beanName, RwSplitDataSource dataSource) implements ClusterSource {
        @Override
        public Optional<ClusterStats> stats() {
            try {
                return Optional.of(dataSource.getClusterStats());
            } catch (IllegalStateException notConnected) {
                return Optional.empty();
            }
        }
    }

    /**
     * A pool that wraps the driver and connects with {@code url} and {@code properties}: its cluster is found by what
     * they name, without a connection.
     */
    record OfPool(String beanName, DataSource pool, String url, Properties properties) implements ClusterSource {
        @Override
        public Optional<ClusterStats> stats() throws SQLException {
            return RwSplitDriver.clusterStats(url, properties);
        }
    }
}
