package io.github.rwsplit.internal.cluster;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * HikariCP's pool behind a {@link HikariDataSource}, for the one thing HikariCP's public API lacks: a borrow with a
 * deadline of its own ({@code HikariPool.getConnection(long)}), which lets a borrower look again at its node between
 * short slices. {@code HikariPool} is HikariCP's internal, reached by casting the pool's MXBean; this class is its one
 * user, so a HikariCP release that changes it breaks this class and its test, nothing else.
 */
final class HikariPoolAccess {
    private final HikariPool pool;

    HikariPoolAccess(HikariDataSource dataSource) {
        HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        if (!(bean instanceof HikariPool hikariPool)) {
            throw new IllegalStateException("rwsplit: this HikariCP (" + HikariDataSource.class.getPackage()
                    .getImplementationVersion() + ") no longer exposes its pool as com.zaxxer.hikari.pool.HikariPool"
                    + " (found " + (bean == null ? "none" : bean.getClass().getName()) + "); use a HikariCP version"
                    + " rwsplit supports");
        }
        this.pool = hikariPool;
    }

    /** A connection within {@code timeoutMillis}, or HikariCP's SQLException with the last connect failure as cause. */
    Connection getConnection(long timeoutMillis) throws SQLException {
        return pool.getConnection(timeoutMillis);
    }

    void softEvictConnections() {
        pool.softEvictConnections();
    }

    int getActiveConnections() {
        return pool.getActiveConnections();
    }

    int getIdleConnections() {
        return pool.getIdleConnections();
    }
}
