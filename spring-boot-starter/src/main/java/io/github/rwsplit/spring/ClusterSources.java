package io.github.rwsplit.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.jdbc.RwSplitDriver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks out the data source beans whose connections are rwsplit's: an {@link RwSplitDataSource} (or a data source
 * that unwraps to one), and HikariCP either over an {@code RwSplitDataSource} or given a {@code jdbc:rwsplit:} URL,
 * which is how Spring Boot configures {@code spring.datasource.url}.
 */
final class ClusterSources {
    private static final Logger log = LoggerFactory.getLogger(ClusterSources.class);
    private static final RwSplitDriver DRIVER = new RwSplitDriver();

    private ClusterSources() {
    }

    /** The rwsplit data sources among {@code dataSources} (bean name to bean), in their order. */
    static List<ClusterSource> find(Map<String, DataSource> dataSources) {
        List<ClusterSource> found = new ArrayList<>();
        dataSources.forEach((name, dataSource) -> of(name, dataSource).ifPresent(found::add));
        return found;
    }

    static Optional<ClusterSource> of(String beanName, DataSource dataSource) {
        RwSplitDataSource rwsplit = unwrap(beanName, dataSource, RwSplitDataSource.class);
        if (rwsplit != null) {
            return Optional.of(new ClusterSource.OfDataSource(beanName, rwsplit));
        }
        HikariDataSource hikari = unwrap(beanName, dataSource, HikariDataSource.class);
        if (hikari == null) {
            return Optional.empty();
        }
        // Before its pool starts, HikariCP unwraps to nothing but itself: ask for what it was configured with.
        if (hikari.getDataSource() instanceof RwSplitDataSource configured) {
            return Optional.of(new ClusterSource.OfDataSource(beanName, configured));
        }
        if (DRIVER.acceptsURL(hikari.getJdbcUrl())) {
            Properties properties = new Properties();
            properties.putAll(hikari.getDataSourceProperties());
            return Optional.of(new ClusterSource.OfPool(beanName, hikari, hikari.getJdbcUrl(), properties));
        }
        return Optional.empty();
    }

    private static <T> T unwrap(String beanName, DataSource dataSource, Class<T> type) {
        if (type.isInstance(dataSource)) {
            return type.cast(dataSource);
        }
        try {
            return dataSource.isWrapperFor(type) ? dataSource.unwrap(type) : null;
        } catch (SQLException | RuntimeException e) {
            log.debug("rwsplit: data source {} does not tell whether it wraps a {}; taken as not rwsplit's", beanName,
                    type.getSimpleName(), e);
            return null;
        }
    }
}
