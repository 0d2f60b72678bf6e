package io.github.rwsplit.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Which data source beans are rwsplit's, found without opening a connection. */
class ClusterSourcesTest {
    private static final String URL = "jdbc:rwsplit:mysql://db1.invalid,db2.invalid/app";

    @Test
    void anRwSplitDataSourceBean_isReadThroughItself() {
        RwSplitDataSource dataSource = new RwSplitDataSource(URL);
        ClusterSource source = ClusterSources.of("orders", dataSource).orElseThrow();

        assertSame(dataSource, assertInstanceOf(ClusterSource.OfDataSource.class, source).dataSource());
        assertEquals("orders", source.beanName());
    }

    @Test
    void aDataSourceThatUnwrapsToAnRwSplitDataSource_isReadThroughTheUnwrappedOne() {
        RwSplitDataSource dataSource = new RwSplitDataSource(URL);
        ClusterSource source = ClusterSources.of("orders", new Wrapper(dataSource)).orElseThrow();

        assertSame(dataSource, assertInstanceOf(ClusterSource.OfDataSource.class, source).dataSource());
    }

    @Test
    void hikariGivenAnRwsplitUrl_isReadByItsUrlAndDataSourceProperties_beforeItsPoolStarts() {
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setJdbcUrl(URL);
            hikari.setUsername("app");
            hikari.addDataSourceProperty("clusterName", "orders");
            ClusterSource.OfPool pool = assertInstanceOf(ClusterSource.OfPool.class,
                    ClusterSources.of("dataSource", hikari).orElseThrow());

            assertSame(hikari, pool.pool());
            assertEquals(URL, pool.url());
            assertEquals("orders", pool.properties().getProperty("clusterName"));
        }
    }

    @Test
    void hikariOverAnRwSplitDataSource_isReadThroughThatDataSource() {
        RwSplitDataSource dataSource = new RwSplitDataSource(URL);
        try (HikariDataSource hikari = new HikariDataSource()) {
            hikari.setDataSource(dataSource);
            ClusterSource source = ClusterSources.of("dataSource", hikari).orElseThrow();

            assertSame(dataSource, assertInstanceOf(ClusterSource.OfDataSource.class, source).dataSource());
        }
    }

    @Test
    void otherDataSources_areLeftAlone() {
        try (HikariDataSource mysql = new HikariDataSource()) {
            mysql.setJdbcUrl("jdbc:mysql://db1.invalid/app");
            Map<String, DataSource> beans = new LinkedHashMap<>();
            beans.put("mysql", mysql);
            beans.put("unwrapFails", new Wrapper(null));
            beans.put("orders", new RwSplitDataSource(URL));

            assertEquals(List.of("orders"), ClusterSources.find(beans).stream().map(ClusterSource::beanName).toList());
        }
    }

    /** A data source that wraps another, as Spring's proxies do; with none to unwrap to, it throws when asked. */
    private record Wrapper(DataSource target) implements DataSource {
        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            if (target != null && type.isInstance(target)) {
                return type.cast(target);
            }
            throw new SQLException("not a wrapper for " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) throws SQLException {
            if (target == null) {
                throw new SQLException("cannot tell");
            }
            return type.isInstance(target);
        }

        @Override
        public Connection getConnection() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Connection getConnection(String username, String password) {
            throw new UnsupportedOperationException();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            throw new UnsupportedOperationException();
        }
    }
}
