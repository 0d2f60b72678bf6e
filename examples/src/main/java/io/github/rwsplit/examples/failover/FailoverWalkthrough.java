package io.github.rwsplit.examples.failover;

import io.github.rwsplit.examples.ExampleUrls;
import io.github.rwsplit.examples.StatsTable;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.Poll;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A replica dies under read load and comes back: the reads go on without an error reaching the application, the dead
 * replica leaves rotation, and it rejoins after its restart. Prints rwsplit's cluster figures at each step.
 */
public final class FailoverWalkthrough {
    private static final int READ_THREADS = 4;
    private static final Duration PHASE = Duration.ofSeconds(2);
    private static final Duration DETECTION_LIMIT = Duration.ofSeconds(10);
    private static final Duration REJOIN_LIMIT = Duration.ofSeconds(30);

    private final ReplicationCluster cluster;
    private final PrintStream out;

    public FailoverWalkthrough(ReplicationCluster cluster, PrintStream out) {
        this.cluster = cluster;
        this.out = out;
    }

    /**
     * What the application saw.
     *
     * @param healthy reads per node before the kill
     * @param outage  reads per node from the moment rwsplit had the killed replica out of rotation to its restart
     * @param rejoined reads per node after the restart
     * @param stateDuringOutage the killed replica's state in rwsplit's figures while it was down
     * @param errors  errors that reached the application threads
     */
    public record Report(String victim, Map<String, Long> healthy, Map<String, Long> outage,
                         Map<String, Long> rejoined, String stateDuringOutage, List<Exception> errors) {
    }

    public static void main(String[] args) throws Exception {
        try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
            Report report = new FailoverWalkthrough(cluster, System.out).run();
            System.out.println();
            System.out.println(report.errors().isEmpty() ? "No error reached the application."
                    : report.errors().size() + " errors reached the application: " + report.errors());
            System.out.println();
        }
    }

    public Report run() throws InterruptedException {
        ClusterNode victim = cluster.replicas().get(0);
        StatsTable table = new StatsTable(cluster, out);
        try (RwSplitDataSource dataSource = dataSource();
             ReadLoad load = new ReadLoad(cluster, dataSource, READ_THREADS)) {
            Thread.sleep(PHASE.toMillis());
            Map<String, Long> beforeKill = load.servedSoFar();
            step("1. " + READ_THREADS + " threads read through rwsplit; both replicas serve", beforeKill, table,
                    dataSource);

            victim.kill();
            // A killed server may first show as suspect (a check went unanswered) before its refused connections
            // mark it down; the outage counts from down.
            Poll.until(victim.name() + " is down", DETECTION_LIMIT, () -> state(dataSource, victim).equals("down"));
            String stateDuringOutage = state(dataSource, victim);
            Map<String, Long> detected = load.servedSoFar();
            Thread.sleep(PHASE.toMillis());
            Map<String, Long> beforeRestart = load.servedSoFar();
            step("2. killed " + victim.name() + " (SIGKILL) under load; rwsplit took it out of rotation and the reads"
                    + " go on elsewhere", minus(beforeRestart, detected), table, dataSource);

            victim.restart();
            Poll.until(victim.name() + " serves reads again", REJOIN_LIMIT,
                    () -> load.servedSoFar().getOrDefault(victim.name(), 0L)
                            > beforeRestart.getOrDefault(victim.name(), 0L));
            Thread.sleep(PHASE.toMillis());
            Map<String, Long> end = load.servedSoFar();
            step("3. restarted " + victim.name() + "; it rejoined after one successful health check",
                    minus(end, beforeRestart), table, dataSource);
            return new Report(victim.name(), beforeKill, minus(beforeRestart, detected),
                    minus(end, beforeRestart), stateDuringOutage, load.stop());
        }
    }

    private RwSplitDataSource dataSource() {
        // A cluster name of its own: these figures count this walkthrough's reads only.
        RwSplitDataSource dataSource = new RwSplitDataSource(ExampleUrls.rwsplit(cluster, "clusterName=failover"));
        dataSource.setUser(cluster.appUser());
        dataSource.setPassword(cluster.appPassword());
        return dataSource;
    }

    private void step(String title, Map<String, Long> reads, StatsTable table, RwSplitDataSource dataSource) {
        out.println();
        out.println(title);
        out.println("  reads served in this step: " + reads);
        table.print(dataSource.getClusterStats());
    }

    private static String state(RwSplitDataSource dataSource, ClusterNode node) {
        NodeStats stats = dataSource.getClusterStats().node(node.host() + ":" + node.port());
        return stats.state();
    }

    private static Map<String, Long> minus(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> difference = new TreeMap<>();
        later.forEach((node, count) -> difference.put(node, count - earlier.getOrDefault(node, 0L)));
        return difference;
    }
}
