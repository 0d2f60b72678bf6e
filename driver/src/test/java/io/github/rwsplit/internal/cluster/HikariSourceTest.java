package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.internal.config.RwSplitUrl;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Borrowing through a real HikariCP pool of one connection: a busy pool is saturation, a dead node fails fast. */
class HikariSourceTest {
    private final AtomicReference<Thread> borrower = new AtomicReference<>();
    private final StubCluster fakes = StubCluster.of("jdbc:rwsplit:mysql://fake/app");
    private final AtomicBoolean refusing = new AtomicBoolean();
    private volatile long connectMillis;
    private volatile long lastFailureNanos;
    private final AtomicInteger opened = new AtomicInteger();
    private Cluster cluster;

    @AfterEach
    void close() {
        if (cluster != null) {
            cluster.close();
        }
        fakes.close();
    }

    /** A cluster whose primary borrows from a HikariCP pool of one connection over in-memory sessions. */
    private Node primaryWithPool(long connectionTimeoutMillis) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-pool");
        config.setDataSource(dataSource());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setValidationTimeout(250);
        config.setInitializationFailTimeout(-1);
        HikariSource source = new HikariSource(new HikariDataSource(config), false, () -> lastFailureNanos);
        cluster = new Cluster(RwSplitUrl.parse("jdbc:rwsplit:mysql://p,r1/app", new Properties()), node -> source,
                false);
        return cluster.primary();
    }

    private DataSource dataSource() {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getConnection" -> {
                        if (refusing.get()) {
                            lastFailureNanos = System.nanoTime();
                            throw new SQLException("Communications link failure", "08S01",
                                    new ConnectException("Connection refused"));
                        }
                        Thread.sleep(connectMillis);
                        yield new StubConnection(fakes.primary(), opened.incrementAndGet(), "app").server();
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "in-memory data source";
                    default -> StubConnection.zero(method.getReturnType());
                });
    }

    private CompletableFuture<SQLException> borrowInBackground(Node node) {
        return CompletableFuture.supplyAsync(() -> {
            borrower.set(Thread.currentThread());
            try {
                node.borrow().giveBack();
                return null;
            } catch (SQLException e) {
                return e;
            }
        });
    }

    /** Waits until the background borrower waits for a place (its wait is timed: the pool's connection timeout). */
    private void awaitWaitingBorrower() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (borrower.get() == null || borrower.get().getState() != Thread.State.TIMED_WAITING) {
            assertTrue(System.nanoTime() < deadline, "the background borrow never waited");
            Thread.yield();
        }
    }

    @Test
    void aPoolBusyForTheWholeTimeoutIsSaturatedAndTheNodeStaysUp() throws SQLException {
        Node primary = primaryWithPool(300);
        PhysicalConnection held = primary.borrow();
        NodeSaturatedException busy = assertThrows(NodeSaturatedException.class, primary::borrow);
        assertNull(busy.getSQLState());
        assertSame(primary, busy.node());
        assertTrue(busy.getMessage().contains(primary.toString()), busy.getMessage());
        assertTrue(busy.getMessage().contains("pool.connectionTimeout (300 ms)"), busy.getMessage());
        assertTrue(busy.getMessage().contains("active=1, idle=0, waiting=0"), busy.getMessage());
        assertEquals(NodeStatus.UP, primary.health().status());
        held.giveBack();
        primary.borrow().giveBack();
    }

    @Test
    void aNodeThatRefusesConnectionsFailsFastNamingIt() throws SQLException {
        Node primary = primaryWithPool(10_000);
        refusing.set(true);
        long start = System.nanoTime();
        SQLException refused = assertThrows(SQLException.class, primary::borrow);
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000);
        assertEquals("08001", refused.getSQLState());
        assertTrue(refused.getMessage().contains(primary.toString()), refused.getMessage());
    }

    @Test
    void aServerTooSlowToAcceptAConnectionIsNoSaturation() throws SQLException {
        connectMillis = 2_000;
        Node primary = primaryWithPool(300);
        SQLException slow = assertThrows(SQLException.class, primary::borrow);
        assertEquals("08001", slow.getSQLState(), slow.getMessage());
        assertTrue(slow.getMessage().contains("opening one took longer than pool.connectionTimeout (300 ms)"),
                slow.getMessage());
    }

    @Test
    void aConnectFailureOlderThanTheNodesLastAnswerIsNotTakenForARefusal() throws Exception {
        Node primary = primaryWithPool(1_000);
        refusing.set(true);
        assertThrows(SQLException.class, primary::borrow);
        // The node restarted: the monitor has an answer, the pool has not tried again yet.
        cluster.answered(primary, NodeHealth.up(-1));
        refusing.set(false);
        connectMillis = 300;
        primary.borrow().giveBack();
    }

    @Test
    void aBorrowerAlreadyWaitingGivesUpWhenTheNodeGoesDown() throws Exception {
        Node primary = primaryWithPool(30_000);
        PhysicalConnection held = primary.borrow();
        CompletableFuture<SQLException> waiter = borrowInBackground(primary);
        awaitWaitingBorrower();
        cluster.refused(primary, "Connection refused");
        SQLException gaveUp = waiter.get(5, TimeUnit.SECONDS);
        assertEquals("08001", gaveUp.getSQLState());
        assertTrue(gaveUp.getMessage().contains("down"), gaveUp.getMessage());
        held.giveBack();
    }

    @Test
    void aConnectionGivenBackGoesToTheBorrowerWaitingForIt() throws Exception {
        Node primary = primaryWithPool(10_000);
        PhysicalConnection held = primary.borrow();
        CompletableFuture<SQLException> waiter = borrowInBackground(primary);
        awaitWaitingBorrower();
        held.giveBack();
        assertNull(waiter.get(5, TimeUnit.SECONDS));
        assertEquals(1, opened.get());
    }
}
