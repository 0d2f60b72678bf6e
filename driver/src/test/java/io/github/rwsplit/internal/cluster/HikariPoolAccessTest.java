package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.github.rwsplit.internal.LibraryInternals;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HikariCP's pool internal behind {@link HikariPoolAccess}, checked on a real pool over in-memory connections. */
class HikariPoolAccessTest {
    private final LibraryInternals hikari = LibraryInternals.hikariCp("HikariPoolAccess");
    private final StubCluster fakes = StubCluster.of("jdbc:rwsplit:mysql://fake/app");
    private final AtomicBoolean refusing = new AtomicBoolean();
    private final SQLException refusal = new SQLException("Communications link failure", "08S01");
    private final AtomicInteger opened = new AtomicInteger();
    private HikariDataSource pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        fakes.close();
    }

    @Test
    void theMxBeanIsStillThePoolAndTheBorrowWithADeadlineIsStillThere() {
        hikari.subtype("com.zaxxer.hikari.pool.HikariPool", HikariPoolMXBean.class);
        hikari.method("com.zaxxer.hikari.pool.HikariPool", "getConnection", Connection.class, long.class);
        hikari.method("com.zaxxer.hikari.pool.HikariPool", "softEvictConnections", void.class);
        hikari.method("com.zaxxer.hikari.pool.HikariPool", "getActiveConnections", int.class);
        hikari.method("com.zaxxer.hikari.pool.HikariPool", "getIdleConnections", int.class);
        hikari.method("com.zaxxer.hikari.HikariDataSource", "getHikariPoolMXBean", HikariPoolMXBean.class);
        assertInstanceOf(hikari.type("com.zaxxer.hikari.pool.HikariPool"), pool(30_000).getHikariPoolMXBean(),
                hikari.says("a started pool's MXBean is its HikariPool"));
    }

    @Test
    void aBorrowWaitsItsOwnDeadlineNotTheConnectionTimeoutAndCarriesTheConnectFailure() {
        refusing.set(true);
        HikariPoolAccess access = new HikariPoolAccess(pool(30_000));
        long started = System.nanoTime();
        SQLException failure = assertThrows(SQLException.class, () -> access.getConnection(300));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(waitedMillis < 10_000, hikari.says("getConnection(300) gives up long before connectionTimeout"
                + " (30 s); it waited " + waitedMillis + " ms"));
        assertSame(refusal, failure.getCause(), hikari.says("the timeout's cause is the last failure to connect"));
    }

    @Test
    void itCountsAndSoftEvictsThePoolsConnections() throws SQLException {
        HikariPoolAccess access = new HikariPoolAccess(pool(5_000));
        Connection borrowed = access.getConnection(2_000);
        assertEquals(1, access.getActiveConnections(), hikari.says("a borrowed connection is active"));
        borrowed.close();
        assertEquals(0, access.getActiveConnections(), hikari.says("a returned connection is no longer active"));
        assertTrue(access.getIdleConnections() >= 1, hikari.says("a returned connection is idle"));
        int before = opened.get();
        access.softEvictConnections();
        access.getConnection(2_000).close();
        assertTrue(opened.get() > before, hikari.says("after a soft eviction the pool opens a new connection"));
    }

    private HikariDataSource pool(long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("adapter-test");
        config.setDataSource(dataSource());
        config.setMaximumPoolSize(1);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1);
        pool = new HikariDataSource(config);
        return pool;
    }

    private DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> {
                        if (refusing.get()) {
                            throw refusal;
                        }
                        yield new StubConnection(fakes.primary(), opened.incrementAndGet(), "app").server();
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "in-memory data source";
                    default -> StubConnection.zero(method.getReturnType());
                });
    }
}
