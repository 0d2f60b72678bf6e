package io.github.rwsplit.internal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitor per cluster. Each tick checks the primary, then every replica in parallel, each on its own connection and
 * thread, and waits for the verdicts until a deadline: a hung node is declared down at the deadline and cannot delay the
 * checks of the others or of later ticks (a node whose check is still running is not checked again). The primary goes
 * first because a replica's verdict depends on it: a replica that cannot reach a dead primary still serves reads.
 */
final class HealthMonitor {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);

    private final Cluster cluster;
    private final List<NodeProbe> probes;
    private final long intervalMillis;
    private final long timeoutMillis;
    private final ScheduledExecutorService ticker;
    private final ExecutorService checkers;
    private final Map<Node, Future<?>> running = new ConcurrentHashMap<>();

    HealthMonitor(Cluster cluster, List<NodeProbe> probes, long intervalMillis, long timeoutMillis) {
        this.cluster = cluster;
        this.probes = probes;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.ticker = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("rwsplit-monitor-" + cluster.name()));
        // One check per node at a time, plus room for aborting hung connections: a fixed, small set of threads.
        this.checkers = Executors.newFixedThreadPool(probes.size() + 1,
                new DaemonThreads("rwsplit-check-" + cluster.name()));
    }

    long timeoutMillis() {
        return timeoutMillis;
    }

    /** Runs the first round in the caller's thread, so that the first statement sees real node states. */
    void start() {
        tick();
        ticker.scheduleWithFixedDelay(this::tickSafely, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Checks one node now, outside the schedule (after a connection error in use); no-op while one runs. */
    void checkSoon(Node node) {
        for (NodeProbe probe : probes) {
            if (probe.node() == node) {
                submit(probe);
            }
        }
    }

    NodeProbe probe(Node node) {
        for (NodeProbe probe : probes) {
            if (probe.node() == node) {
                return probe;
            }
        }
        throw new IllegalArgumentException(node + " is not monitored here");
    }

    private void tickSafely() {
        try {
            tick();
        } catch (Throwable t) {
            // A scheduled task that throws is never run again: the monitor must outlive any bug in one check.
            log.error("rwsplit[{}]: health check round failed", cluster.name(), t);
        }
    }

    private void tick() {
        List<NodeProbe> primaryFirst = new ArrayList<>(1);
        List<NodeProbe> replicas = new ArrayList<>(probes.size());
        for (NodeProbe probe : probes) {
            (probe.node().isPrimary() ? primaryFirst : replicas).add(probe);
        }
        checkAll(primaryFirst);
        checkAll(replicas);
        cluster.resolvePrimary();
    }

    private void checkAll(List<NodeProbe> group) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<Future<?>> verdicts = new ArrayList<>(group.size());
        for (NodeProbe probe : group) {
            verdicts.add(submit(probe));
        }
        for (int i = 0; i < group.size(); i++) {
            await(group.get(i), verdicts.get(i), deadline);
        }
    }

    /** Runs background work (aborting connections) off the caller's thread, which must never block on a hung node. */
    void runAsync(Runnable work) {
        try {
            checkers.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("rwsplit[{}]: monitor stopped; skipped background work", cluster.name());
        }
    }

    private Future<?> submit(NodeProbe probe) {
        return running.compute(probe.node(), (node, current) ->
                current != null && !current.isDone() ? current : checkers.submit(() -> runCheck(probe)));
    }

    private void runCheck(NodeProbe probe) {
        try {
            boolean primaryDown = cluster.primary().health().status() == NodeStatus.DOWN;
            cluster.update(probe.node(), probe.check(primaryDown), false);
        } catch (Throwable t) {
            log.error("rwsplit[{}]: checking {} failed unexpectedly", cluster.name(), probe.node(), t);
        }
    }

    private void await(NodeProbe probe, Future<?> verdict, long deadline) {
        try {
            verdict.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cluster.update(probe.node(), NodeHealth.down("no answer within " + timeoutMillis + " ms"), true);
            runAsync(probe::abort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException e) {
            log.debug("rwsplit[{}]: check of {} ended abnormally", cluster.name(), probe.node(), e);
        }
    }

    void close() {
        ticker.shutdownNow();
        checkers.shutdownNow();
        probes.forEach(NodeProbe::closeConnection);
    }
}
