package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.internal.routing.Router;
import io.github.rwsplit.metrics.ClusterMBeanRegistration;
import io.github.rwsplit.metrics.ClusterStats;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link Cluster} per distinct configuration (hosts, options, credentials), shared by every logical connection
 * that uses it. After the last holder lets go, the cluster lingers for {@code clusterLinger}, so that applications
 * that open and close connections through DriverManager, without a pool, do not pay a cluster start per connection.
 *
 * <p>The registry's lock guards only its map and the holder counts. A cluster's first health round runs outside it, on
 * the thread of the first connect: an unreachable server then holds up the connects that wait for that very cluster,
 * and nothing else.
 */
final class ClusterRegistry {
    private static final Logger log = LoggerFactory.getLogger(ClusterRegistry.class);
    private static final ClusterRegistry SERVERS = new ClusterRegistry(ClusterRegistry::startOnServers,
            router -> router.cluster().close(), lingerScheduler());

    private final Starter starter;
    private final Consumer<Router> stopper;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    /** In start order: of two open clusters with one name, {@link #statsOf} reports the older, as JMX does. */
    private final Map<ClusterConfig, Slot> slots = new LinkedHashMap<>();

    /** Starts a cluster for a configuration; throws, leaving nothing open, when it cannot. */
    @FunctionalInterface
    interface Starter {
        Router start(ClusterConfig config) throws SQLException;
    }

    /** A registry that starts clusters with {@code starter}, ends them with {@code stopper}, and delays closes on {@code scheduler}. */
    ClusterRegistry(Starter starter, Consumer<Router> stopper, ScheduledExecutorService scheduler) {
        this.starter = starter;
        this.stopper = stopper;
        this.scheduler = scheduler;
    }

    /** A hold on the servers' cluster for {@code config}, started if none is open; let go with {@link SharedCluster#release()}. */
    static SharedCluster acquire(ClusterConfig config) throws SQLException {
        return SERVERS.hold(config);
    }

    /** A hold on the cluster for {@code config}: the open or lingering one, the one now starting, or a new one. */
    SharedCluster hold(ClusterConfig config) throws SQLException {
        Slot slot;
        boolean first;
        synchronized (lock) {
            slot = slots.get(config);
            first = slot == null;
            if (first) {
                slot = new Slot(config);
                slots.put(config, slot);
            }
            // A waiter counts as a holder at once: the starter may release before the waiter wakes up.
            slot.holders++;
            slot.closeWithoutLinger = false;
            slot.cancelPendingClose();
        }
        Router router = first ? start(slot) : await(slot);
        return new SharedCluster(slot, router);
    }

    /** The figures of the servers' open (or lingering) cluster named {@code clusterName}; holds nothing. */
    static Optional<ClusterStats> openStats(String clusterName) {
        return SERVERS.statsOf(clusterName);
    }

    /**
     * The figures of the open or lingering cluster named {@code clusterName}, the first started when several share the
     * name; empty when none has started. It takes no hold: what asks for figures must not keep a cluster open.
     */
    Optional<ClusterStats> statsOf(String clusterName) {
        Router router = null;
        synchronized (lock) {
            for (Slot slot : slots.values()) {
                if (slot.config.clusterName().equals(clusterName) && slot.started.isDone()
                        && !slot.started.isCompletedExceptionally()) {
                    router = slot.started.join();
                    break;
                }
            }
        }
        return router == null ? Optional.empty() : Optional.of(router.stats());
    }

    /** Runs on the first connect's thread; whatever happens, the waiters hear of it. */
    private Router start(Slot slot) throws SQLException {
        Router router = null;
        try {
            router = starter.start(slot.config);
            ClusterMBeanRegistration mbean = slot.config.get(Options.JMX)
                    ? ClusterMBeanRegistration.register(slot.config.clusterName(), router::stats) : null;
            synchronized (lock) {
                slot.mbean = mbean;
            }
        } catch (SQLException | RuntimeException | Error e) {
            if (router != null) {
                stopper.accept(router);
            }
            synchronized (lock) {
                // Gone from the map before the waiters hear of it: the next connect starts afresh.
                slots.remove(slot.config, slot);
            }
            slot.started.completeExceptionally(e);
            throw e;
        }
        slot.started.complete(router);
        return router;
    }

    private Router await(Slot slot) throws SQLException {
        try {
            return slot.started.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException failure) {
                // A copy per waiter: one exception thrown in several threads would collect their suppressed causes.
                throw new SQLException(failure.getMessage(), failure.getSQLState(), failure.getErrorCode(), failure);
            }
            throw new SQLException("rwsplit: cluster " + slot.config.clusterName() + " failed to start: " + cause,
                    "08001", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // This thread was counted as a holder; give that up once the start has an outcome, as any holder would.
            slot.started.thenRun(() -> release(slot, false));
            throw new SQLException("rwsplit: interrupted while cluster " + slot.config.clusterName() + " started",
                    "08001", e);
        }
    }

    private void release(Slot slot, boolean withoutLinger) {
        Router router;
        synchronized (lock) {
            slot.closeWithoutLinger |= withoutLinger;
            if (--slot.holders > 0) {
                return;
            }
            Duration linger = slot.closeWithoutLinger ? Duration.ZERO : slot.config.get(Options.CLUSTER_LINGER);
            if (!linger.isZero()) {
                long ticket = ++slot.closeTicket;
                slot.pendingClose = scheduler.schedule(() -> closeIfIdle(slot, ticket), linger.toMillis(),
                        TimeUnit.MILLISECONDS);
                log.debug("rwsplit[{}]: no connection left; the cluster closes in {} ms unless one opens",
                        slot.config.clusterName(), linger.toMillis());
                return;
            }
            router = remove(slot);
        }
        stopper.accept(router);
    }

    /** The delayed close: ends the cluster unless a connect took it up again, or released it anew, since {@code ticket}. */
    private void closeIfIdle(Slot slot, long ticket) {
        try {
            Router router;
            synchronized (lock) {
                if (slot.holders > 0 || slot.closeTicket != ticket) {
                    return;
                }
                router = remove(slot);
            }
            stopper.accept(router);
        } catch (RuntimeException e) {
            log.warn("rwsplit[{}]: closing the idle cluster failed", slot.config.clusterName(), e);
        }
    }

    /** Takes an idle slot out of the map; call with the lock held, then stop the returned router without it. */
    private Router remove(Slot slot) {
        slots.remove(slot.config, slot);
        // Under the lock: a cluster of the same name starting now must find the MBean name free, not lose it to us.
        if (slot.mbean != null) {
            slot.mbean.unregister();
        }
        return slot.started.join();
    }

    /**
     * One thread for every delayed close in the JVM. A daemon, so that a lingering cluster never holds up a JVM
     * shutdown; it ends when idle for a minute, so that none is left behind by an undeployed application. The
     * executor keeps its last thread while a close is queued, whatever the idle timeout.
     */
    private static ScheduledExecutorService lingerScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "rwsplit-linger");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setKeepAliveTime(1, TimeUnit.MINUTES);
        scheduler.allowCoreThreadTimeOut(true);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    private static Router startOnServers(ClusterConfig config) throws SQLException {
        Cluster cluster = new Cluster(config);
        try {
            cluster.start();
        } catch (SQLException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return new Router(cluster);
    }

    /** A configuration's cluster: starting, open or lingering. Fields other than {@code started} are guarded by the lock. */
    private static final class Slot {
        private final ClusterConfig config;
        /** How many closed prepared statements each logical connection keeps ({@link ReusablePreparedStatements}). */
        private final int statementCacheSize;
        private final CompletableFuture<Router> started = new CompletableFuture<>();
        /** The cluster's MBean while it is open, when jmx=true; null otherwise. */
        private ClusterMBeanRegistration mbean;
        private int holders;
        /**
         * Set by a data source's close: the application ended the cluster, so it closes when idle, without lingering,
         * unless another connect takes it up first.
         */
        private boolean closeWithoutLinger;
        /** Bumped by each delayed close scheduled and each connect: a close whose ticket is stale does nothing. */
        private long closeTicket;
        private ScheduledFuture<?> pendingClose;

        private Slot(ClusterConfig config) {
            this.config = config;
            this.statementCacheSize = ReusablePreparedStatements.sizeFor(config);
        }

        private void cancelPendingClose() {
            closeTicket++;
            if (pendingClose != null) {
                pendingClose.cancel(false);
                pendingClose = null;
            }
        }
    }

    /**
     * One holder's hold on a started cluster. Letting go twice counts once, so a close racing an abort cannot take
     * another holder's share.
     */
    final class SharedCluster {
        private static final AtomicIntegerFieldUpdater<SharedCluster> RELEASED =
                AtomicIntegerFieldUpdater.newUpdater(SharedCluster.class, "released");
        private final Slot slot;
        private final Router router;
        /** 0 while held, 1 once released; a field updater rather than an AtomicBoolean: one object less per hold. */
        private volatile int released;

        private SharedCluster(Slot slot, Router router) {
            this.slot = slot;
            this.router = router;
        }

        Router router() {
            return router;
        }

        /** How many closed prepared statements a logical connection keeps for reuse; 0 when none. */
        int statementCacheSize() {
            return slot.statementCacheSize;
        }

        /** Another hold on the same cluster (a logical connection of a data source that holds it already). */
        SharedCluster retain() {
            if (released != 0) {
                throw new IllegalStateException("rwsplit: the cluster hold was released already");
            }
            synchronized (lock) {
                slot.holders++;
            }
            return new SharedCluster(slot, router);
        }

        /** Lets go of the cluster; the last holder's release starts the linger period. Later calls do nothing. */
        void release() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                ClusterRegistry.this.release(slot, false);
            }
        }

        /**
         * Lets go of the cluster, and ends it as soon as no holder is left, without lingering: an application that
         * closes a data source wants its pools and monitor gone.
         */
        void releaseWithoutLinger() {
            if (RELEASED.compareAndSet(this, 0, 1)) {
                ClusterRegistry.this.release(slot, true);
            }
        }
    }
}
