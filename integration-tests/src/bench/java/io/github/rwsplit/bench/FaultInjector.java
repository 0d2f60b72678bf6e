package io.github.rwsplit.bench;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The soak's fault thread: every few seconds one fault at random from a seeded generator, inflicted on the embedded
 * cluster and healed before the next. Each fault is recorded in the {@link FaultTimeline}, from just before the
 * kill until the restarted server answers a query, because errors in those windows are expected and the rest are not;
 * every other fault's window is recorded too, so that an unexpected error can be traced to the fault behind it.
 */
final class FaultInjector implements Runnable {
    enum Fault {
        FREEZE_REPLICA, FREEZE_PRIMARY, KILL_REPLICA, KILL_PRIMARY, LAG_REPLICA, STOP_REPLICA_APPLIER
    }

    /** A bound on the loop besides the deadline: at one fault every few seconds, far above any soak's count. */
    private static final int MAX_FAULTS = 10_000;
    private static final long FREEZE_MILLIS = 1_500;

    private final ReplicationCluster cluster;
    private final Random random;
    private final long stopInjectingAtNanos;
    private final long startedAtNanos = System.nanoTime();
    private final FaultTimeline timeline;
    private final Map<Fault, Integer> injected = new TreeMap<>();

    FaultInjector(ReplicationCluster cluster, long seed, long stopInjectingAtNanos, FaultTimeline timeline) {
        this.cluster = cluster;
        this.random = new Random(seed);
        this.stopInjectingAtNanos = stopInjectingAtNanos;
        this.timeline = timeline;
    }

    @Override
    public void run() {
        Fault[] faults = Fault.values();
        for (int count = 0; count < MAX_FAULTS; count++) {
            pause(2_000 + random.nextInt(2_000));
            if (System.nanoTime() >= stopInjectingAtNanos) {
                return;
            }
            Fault fault = faults[random.nextInt(faults.length)];
            List<ClusterNode> replicas = cluster.replicas();
            ClusterNode replica = replicas.get(random.nextInt(replicas.size()));
            log(fault + (fault == Fault.FREEZE_PRIMARY || fault == Fault.KILL_PRIMARY ? "" : " " + replica.name()));
            try {
                timeline.opened(fault, System.nanoTime());
                inflict(fault, replica);
                timeline.closed(System.nanoTime());
                synchronized (injected) {
                    injected.merge(fault, 1, Integer::sum);
                }
            } catch (RuntimeException e) {
                // A fault the cluster could not take is reported and healed; the soak goes on with the next one.
                log("could not inflict " + fault + ": " + e);
                heal();
            }
        }
    }

    Map<Fault, Integer> injected() {
        synchronized (injected) {
            return new TreeMap<>(injected);
        }
    }

    /** Puts every node back to running, thawed and replicating without delay, whatever a fault left behind. */
    void heal() {
        for (ClusterNode node : cluster.nodes()) {
            try {
                if (node.isFrozen()) {
                    node.thaw();
                }
                if (!node.isRunning()) {
                    node.restart();
                    if (!node.isReplica()) {
                        awaitAnswering(node);
                    }
                }
                if (node.isReplica()) {
                    node.setReplicationDelay(0);
                    node.startReplicaSqlThread();
                }
            } catch (RuntimeException e) {
                log("could not heal " + node.name() + ": " + e);
            }
        }
        timeline.closed(System.nanoTime());
    }

    private void inflict(Fault fault, ClusterNode replica) {
        ClusterNode primary = cluster.primary();
        switch (fault) {
            case FREEZE_REPLICA -> freeze(replica);
            case FREEZE_PRIMARY -> freeze(primary);
            case KILL_REPLICA -> {
                replica.kill();
                pause(1_000 + random.nextInt(2_000));
                replica.restart();
            }
            case KILL_PRIMARY -> {
                primary.kill();
                pause(1_000 + random.nextInt(2_000));
                primary.restart();
                awaitAnswering(primary);
            }
            case LAG_REPLICA -> {
                int seconds = 2 + random.nextInt(3);
                replica.setReplicationDelay(seconds);
                pause(TimeUnit.SECONDS.toMillis(seconds) + 1_000);
                replica.setReplicationDelay(0);
            }
            case STOP_REPLICA_APPLIER -> {
                replica.stopReplicaSqlThread();
                pause(2_000 + random.nextInt(2_000));
                replica.startReplicaSqlThread();
            }
        }
    }

    private void freeze(ClusterNode node) {
        node.freeze();
        try {
            pause(FREEZE_MILLIS);
        } finally {
            node.thaw();
        }
    }

    /** A restart returns when the server accepts connections; the outage ends when it answers the application user. */
    private static void awaitAnswering(ClusterNode node) {
        Poll.until(node.name() + " answering", Duration.ofSeconds(60), () -> {
            try (Connection connection = node.appConnection(); Statement statement = connection.createStatement()) {
                return statement.execute("SELECT 1");
            } catch (SQLException e) {
                return false;
            }
        });
    }

    private void log(String what) {
        System.out.printf("soak +%6.1f s fault: %s%n", (System.nanoTime() - startedAtNanos) / 1e9, what);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the fault thread was interrupted", e);
        }
    }
}
