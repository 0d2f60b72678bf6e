package io.github.rwsplit.internal.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One monitor per cluster. Each tick checks the primary, then every replica in parallel, each on its own connection and
 * thread, and waits for the answers until a deadline: a node silent at the deadline has missed a check (see
 * {@link Liveness} for when that makes it suspect or down) and cannot delay the checks of the others or of later ticks
 * (a node whose check is still running is not checked again; each later deadline it misses counts). The primary goes
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
    private final Map<Node, CheckRun> running = new ConcurrentHashMap<>();
    /** The heartbeat write in flight, if any; touched by the ticker thread only. */
    private Future<?> heartbeat;

    HealthMonitor(Cluster cluster, List<NodeProbe> probes, long intervalMillis, long timeoutMillis) {
        this.cluster = cluster;
        this.probes = probes;
        this.intervalMillis = intervalMillis;
        this.timeoutMillis = timeoutMillis;
        this.ticker = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("rwsplit-monitor-" + cluster.name()));
        // One check per node at a time, one heartbeat write, and room for aborting connections: a small, fixed set.
        this.checkers = Executors.newFixedThreadPool(probes.size() + 2,
                new DaemonThreads("rwsplit-check-" + cluster.name()));
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
        writeHeartbeat(primaryFirst);
        checkAll(replicas);
        cluster.resolvePrimary();
    }

    private void checkAll(List<NodeProbe> group) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        List<CheckRun> runs = new ArrayList<>(group.size());
        for (NodeProbe probe : group) {
            runs.add(submit(probe));
        }
        for (CheckRun run : runs) {
            run.await(deadline, timeoutMillis);
        }
    }

    /**
     * lagSource=heartbeat: stamps the primary once its liveness is published. The replicas' lag is read right after,
     * so the stamp is awaited, but only for one check timeout: a write held up by a lock delays nothing further.
     */
    private void writeHeartbeat(List<NodeProbe> primaries) {
        if (primaries.isEmpty() || !primaries.get(0).writesHeartbeat() || heartbeat != null && !heartbeat.isDone()) {
            return;
        }
        NodeProbe primary = primaries.get(0);
        if (primary.node().health().status() != NodeStatus.UP) {
            return;
        }
        try {
            heartbeat = checkers.submit(primary::writeHeartbeat);
            heartbeat.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | RejectedExecutionException e) {
            log.debug("rwsplit[{}]: the heartbeat write is still running; replicas are checked meanwhile",
                    cluster.name());
        } catch (ExecutionException e) {
            log.debug("rwsplit[{}]: the heartbeat write failed", cluster.name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs background work (aborting connections) off the caller's thread, which must never block on a hung node. */
    void runAsync(Runnable work) {
        try {
            checkers.execute(work);
        } catch (RejectedExecutionException e) {
            log.debug("rwsplit[{}]: monitor stopped; skipped background work", cluster.name());
        }
    }

    private CheckRun submit(NodeProbe probe) {
        return running.compute(probe.node(), (node, current) -> {
            if (current != null && !current.ended()) {
                return current;
            }
            CheckRun run = new CheckRun(cluster, probe);
            try {
                checkers.execute(run::run);
            } catch (RejectedExecutionException e) {
                log.debug("rwsplit[{}]: monitor stopped; {} not checked", cluster.name(), node);
            }
            return run;
        });
    }

    void close() {
        ticker.shutdownNow();
        checkers.shutdownNow();
        probes.forEach(NodeProbe::closeConnections);
    }
}
