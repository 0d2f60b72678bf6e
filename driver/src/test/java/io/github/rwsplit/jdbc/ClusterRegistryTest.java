package io.github.rwsplit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.internal.routing.Router;
import io.github.rwsplit.jdbc.ClusterRegistry.SharedCluster;
import io.github.rwsplit.metrics.ClusterMBeanRegistration;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sharing, starting, lingering and closing of clusters, with a stand-in for the servers. */
class ClusterRegistryTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private final FakeServers servers = new FakeServers();
    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final ClusterRegistry registry = new ClusterRegistry(servers::start, servers::stop, scheduler);

    ClusterRegistryTest() {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void concurrentFirstConnectsToOneConfigurationShareOneStart() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=0");
        CountDownLatch proceed = servers.holdStartsOf("a");
        Attempt first = Attempt.start(() -> registry.hold(config));
        servers.awaitStartEntered("a");
        Attempt second = Attempt.start(() -> registry.hold(config));
        second.awaitParked();

        proceed.countDown();
        SharedCluster one = first.get();
        SharedCluster two = second.get();
        assertSame(one.router(), two.router());
        assertEquals(1, servers.starts("a"));

        one.release();
        assertEquals(0, servers.stops("a"), "the second holder still uses it");
        two.release();
        assertEquals(1, servers.stops("a"));
    }

    @Test
    void aSlowStartHoldsUpNeitherConnectsNorClosesOfOtherConfigurations() throws Exception {
        ClusterConfig slow = config("slow", "clusterLinger=0");
        ClusterConfig open = config("open", "clusterLinger=0");
        ClusterConfig fresh = config("fresh", "clusterLinger=0");
        SharedCluster alreadyOpen = registry.hold(open);
        CountDownLatch proceed = servers.holdStartsOf("slow");
        Attempt stuck = Attempt.start(() -> registry.hold(slow));
        servers.awaitStartEntered("slow");

        assertTimeoutPreemptively(BOUND, () -> {
            SharedCluster another = registry.hold(open);
            another.release();
            alreadyOpen.release();
            registry.hold(fresh).release();
        });
        assertEquals(1, servers.stops("open"));
        assertEquals(1, servers.stops("fresh"));
        assertFalse(stuck.isDone());

        proceed.countDown();
        stuck.get().release();
    }

    @Test
    void aFailedStartReachesEveryWaiterAndTheNextConnectStartsAfresh() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=0");
        CountDownLatch proceed = servers.holdStartsOf("a");
        servers.failNextStartOf("a", new SQLException("no node answers", "08001"));
        Attempt first = Attempt.start(() -> registry.hold(config));
        servers.awaitStartEntered("a");
        Attempt second = Attempt.start(() -> registry.hold(config));
        second.awaitParked();
        proceed.countDown();

        for (Attempt attempt : List.of(first, second)) {
            ExecutionException e = assertThrows(ExecutionException.class, attempt::get);
            SQLException failure = assertInstanceOf(SQLException.class, e.getCause());
            assertEquals("08001", failure.getSQLState());
            assertTrue(failure.getMessage().contains("no node answers"), failure.getMessage());
        }
        assertEquals(1, servers.starts("a"));

        SharedCluster retried = registry.hold(config);
        assertEquals(2, servers.starts("a"));
        retried.release();
        assertEquals(1, servers.stops("a"), "only the cluster that started is stopped");
    }

    @Test
    void aConnectWithinTheLingerPeriodReusesTheClusterAndCancelsItsClose() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=1h");
        SharedCluster first = registry.hold(config);
        Router router = first.router();
        first.release();
        assertEquals(0, servers.stops("a"));
        assertEquals(1, scheduler.getQueue().size(), "a close is scheduled");

        SharedCluster second = registry.hold(config);
        assertSame(router, second.router());
        assertEquals(1, servers.starts("a"));
        assertEquals(0, scheduler.getQueue().size(), "the close was cancelled");
        second.releaseWithoutLinger();
    }

    @Test
    void aLingeringClusterClosesWhenItsPeriodEndsAndTheNextConnectStartsAnew() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=50ms");
        SharedCluster first = registry.hold(config);
        Router router = first.router();
        first.release();
        servers.awaitStops("a", 1);

        SharedCluster second = registry.hold(config);
        assertNotSame(router, second.router());
        assertEquals(2, servers.starts("a"));
        second.releaseWithoutLinger();
    }

    @Test
    void withLingerZeroTheLastReleaseClosesAtOnce() throws Exception {
        registry.hold(config("a", "clusterLinger=0")).release();
        assertEquals(1, servers.stops("a"));
        assertEquals(0, scheduler.getQueue().size());
    }

    @Test
    void aDataSourceCloseEndsTheClusterAtOnceDespiteTheLingerPeriod() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=1h");
        SharedCluster dataSource = registry.hold(config);
        SharedCluster connection = dataSource.retain();
        dataSource.releaseWithoutLinger();
        assertEquals(0, servers.stops("a"), "a connection of the data source is still open");
        connection.release();
        assertEquals(1, servers.stops("a"));
        assertEquals(0, scheduler.getQueue().size(), "nothing lingers");
    }

    @Test
    void theMBeanStaysWhileTheClusterLingersAndGoesWhenItCloses() throws Exception {
        ClusterConfig config = config("registry-jmx", "clusterLinger=50ms", "jmx=true");
        ObjectName name = ClusterMBeanRegistration.objectName("registry-jmx");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        CountDownLatch proceed = servers.holdStartsOf("registry-jmx");
        Attempt connect = Attempt.start(() -> registry.hold(config));
        servers.awaitStartEntered("registry-jmx");
        Attempt second = Attempt.start(() -> registry.hold(config));
        second.awaitParked();
        proceed.countDown();
        connect.get().release();
        second.get().release();
        assertTrue(server.isRegistered(name), "the cluster lingers, and so does its MBean");

        servers.awaitStops("registry-jmx", 1);
        assertFalse(server.isRegistered(name));
    }

    @Test
    void releasingOneHoldTwiceCountsOnce() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=0");
        SharedCluster first = registry.hold(config);
        SharedCluster second = registry.hold(config);
        first.release();
        first.release();
        first.releaseWithoutLinger();
        assertEquals(0, servers.stops("a"), "the second holder still uses it");
        second.release();
        assertEquals(1, servers.stops("a"));
    }

    @Test
    void anInterruptedWaiterGivesUpItsHoldOnceTheStartEnds() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=0");
        CountDownLatch proceed = servers.holdStartsOf("a");
        Attempt first = Attempt.start(() -> registry.hold(config));
        servers.awaitStartEntered("a");
        Attempt second = Attempt.start(() -> registry.hold(config));
        second.awaitParked();
        second.thread.interrupt();
        ExecutionException e = assertThrows(ExecutionException.class, second::get);
        assertTrue(e.getCause().getMessage().contains("interrupted"), e.getCause().getMessage());

        proceed.countDown();
        first.get().release();
        assertEquals(1, servers.stops("a"), "the interrupted waiter holds nothing");
    }

    @Test
    void figuresByNameComeFromTheOpenOrLingeringClusterAndAskingTakesNoHold() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=1h");
        assertTrue(registry.statsOf("a").isEmpty(), "nothing started yet");

        SharedCluster hold = registry.hold(config);
        assertEquals("a", registry.statsOf("a").orElseThrow().clusterName());
        assertTrue(registry.statsOf("b").isEmpty());
        hold.release();
        assertEquals("a", registry.statsOf("a").orElseThrow().clusterName(), "a lingering cluster is still open");

        registry.hold(config).releaseWithoutLinger();
        assertEquals(1, servers.stops("a"), "asking for figures held nothing back");
        assertTrue(registry.statsOf("a").isEmpty(), "a closed cluster has no figures");
    }

    @Test
    void ofTwoOpenClustersSharingANameTheFirstStartedReports() throws Exception {
        SharedCluster first = registry.hold(config("a", "clusterLinger=0"));
        SharedCluster second = registry.hold(RwSplitUrl.parse(
                "jdbc:rwsplit:mysql://db3.invalid,db4.invalid/app?user=u&clusterName=a&clusterLinger=0",
                new Properties()));
        assertEquals("db1.invalid:3306", registry.statsOf("a").orElseThrow().primary().node());
        first.release();
        assertEquals("db3.invalid:3306", registry.statsOf("a").orElseThrow().primary().node(),
                "the second reports once the first has closed");
        second.release();
        assertTrue(registry.statsOf("a").isEmpty());
    }

    @Test
    void aClusterStillStartingHasNoFiguresYet() throws Exception {
        ClusterConfig config = config("a", "clusterLinger=0");
        CountDownLatch proceed = servers.holdStartsOf("a");
        Attempt connect = Attempt.start(() -> registry.hold(config));
        servers.awaitStartEntered("a");
        assertTrue(registry.statsOf("a").isEmpty());
        proceed.countDown();
        connect.get().release();
    }

    /** A configuration whose cluster name is {@code name}; distinct names make distinct configurations. */
    private static ClusterConfig config(String name, String... options) throws SQLException {
        StringBuilder url = new StringBuilder("jdbc:rwsplit:mysql://db1.invalid,db2.invalid/app?user=u&clusterName=")
                .append(name);
        for (String option : options) {
            url.append('&').append(option);
        }
        return RwSplitUrl.parse(url.toString(), new Properties());
    }

    /** A connect on a thread of its own, so that the test can watch it wait. */
    private static final class Attempt {
        private final FutureTask<SharedCluster> task;
        private final Thread thread;

        private Attempt(FutureTask<SharedCluster> task) {
            this.task = task;
            this.thread = new Thread(task, "connect");
            thread.setDaemon(true);
        }

        static Attempt start(Callable<SharedCluster> connect) {
            Attempt attempt = new Attempt(new FutureTask<>(connect));
            attempt.thread.start();
            return attempt;
        }

        /** Returns once the connect waits for a start that another thread runs (parked, not blocked on a lock). */
        void awaitParked() throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (thread.getState() != Thread.State.WAITING) {
                assertTrue(System.nanoTime() < deadline, "the connect did not wait: " + thread.getState());
                Thread.sleep(1);
            }
        }

        SharedCluster get() throws Exception {
            return task.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        }

        boolean isDone() {
            return task.isDone();
        }
    }

    /** Starts unstarted clusters (no server is contacted), counting starts and stops, and holding or failing them on request. */
    private static final class FakeServers {
        private final Map<String, AtomicInteger> starts = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
        private final Map<String, CountDownLatch> entered = new ConcurrentHashMap<>();
        private final Map<String, SQLException> failures = new ConcurrentHashMap<>();
        private final List<String> stopped = new CopyOnWriteArrayList<>();

        Router start(ClusterConfig config) throws SQLException {
            String name = config.clusterName();
            starts.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            entered.computeIfAbsent(name, n -> new CountDownLatch(1)).countDown();
            CountDownLatch proceed = held.get(name);
            try {
                if (proceed != null && !proceed.await(BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new SQLException("the test never let the start of " + name + " proceed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException(e);
            }
            SQLException failure = failures.remove(name);
            if (failure != null) {
                throw failure;
            }
            return new Router(new Cluster(config));
        }

        void stop(Router router) {
            router.cluster().close();
            synchronized (stopped) {
                stopped.add(router.cluster().config().clusterName());
                stopped.notifyAll();
            }
        }

        CountDownLatch holdStartsOf(String name) {
            CountDownLatch proceed = new CountDownLatch(1);
            held.put(name, proceed);
            return proceed;
        }

        void failNextStartOf(String name, SQLException failure) {
            failures.put(name, failure);
        }

        void awaitStartEntered(String name) throws InterruptedException {
            assertTrue(entered.computeIfAbsent(name, n -> new CountDownLatch(1))
                    .await(BOUND.toMillis(), TimeUnit.MILLISECONDS), "the start of " + name + " never began");
        }

        int starts(String name) {
            AtomicInteger count = starts.get(name);
            return count == null ? 0 : count.get();
        }

        int stops(String name) {
            return (int) stopped.stream().filter(name::equals).count();
        }

        void awaitStops(String name, int count) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            synchronized (stopped) {
                while (stops(name) < count) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    assertTrue(left > 0, name + " was stopped " + stops(name) + " times, not " + count);
                    stopped.wait(left);
                }
            }
        }
    }
}
