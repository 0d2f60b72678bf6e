package io.github.rwsplit.examples.hikari;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.jdbc.RwSplitDriver;

/**
 * The application's own HikariCP pool over an rwsplit URL, configured the way an application would.
 *
 * <p>An rwsplit connection is a logical one: it holds no server connection while idle, borrows one from a node's inner
 * pool for each statement outside a transaction, and pins one for the length of a transaction. At most
 * {@link #SIZE} statements or transactions run at once, so no node's inner pool ever needs more than {@link #SIZE}
 * connections, and {@code pool.maximumPoolSize} is set to that instead of being left at HikariCP's default of ten per
 * node.
 */
public final class OuterPool {
    /** Outer (logical) connections: the application's concurrency, as with any pool. */
    public static final int SIZE = 8;

    private OuterPool() {
    }

    public static HikariDataSource create(String rwsplitUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("app");
        // HikariCP cannot infer the driver from a jdbc:rwsplit: URL.
        config.setDriverClassName(RwSplitDriver.class.getName());
        config.setJdbcUrl(rwsplitUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(SIZE);
        // Handed to RwSplitDriver.connect with user and password: rwsplit options count the same as URL keys.
        config.addDataSourceProperty("pool.maximumPoolSize", String.valueOf(SIZE));
        // Idle inner connections are real server sessions on every node; let the spare ones go.
        config.addDataSourceProperty("pool.minimumIdle", "2");
        // No connectionTestQuery: rwsplit's isValid() answers from its health monitor without a round trip.
        return new HikariDataSource(config);
    }
}
