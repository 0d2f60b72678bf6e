package io.github.rwsplit.bench;

import io.github.rwsplit.jdbc.RoutingConnection;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The read-mostly transactional workload ({@link Workload#READ_MOSTLY_TRANSACTIONS}) through rwsplit with
 * optimisticTransactions off and on: transactions per second and their latency (a refused transaction's retry
 * included), the share of reads that replicas served, and how many optimistic transactions were refused with 40001.
 * The counters cover the warm-up too.
 */
final class OptimisticBenchmark {
    private final Duration warmUp;
    private final Duration measure;
    private final List<Integer> threadCounts;

    OptimisticBenchmark(Duration warmUp, Duration measure, List<Integer> threadCounts) {
        this.warmUp = warmUp;
        this.measure = measure;
        this.threadCounts = threadCounts;
    }

    String run(ReplicationCluster cluster) throws Exception {
        try (Connection connection = cluster.primary().appConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS bench (id INT PRIMARY KEY, v INT NOT NULL)");
            statement.execute("INSERT IGNORE INTO bench SELECT seq, 0 FROM seq_1_to_" + Workload.ROWS);
        }
        cluster.awaitReplication(Duration.ofSeconds(60));
        int poolSize = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(16);
        StringBuilder table = new StringBuilder("| threads | optimisticTransactions | tx/s | p50 µs | p99 µs |"
                + " reads on replicas | moved | ended on a replica | 40001 per 1000 optimistic tx |\n"
                + "|---|---|---|---|---|---|---|---|---|\n");
        for (int threads : threadCounts) {
            for (boolean optimistic : new boolean[] {false, true}) {
                try (Design design = Designs.rwsplit(cluster, poolSize, "optimisticTransactions=" + optimistic,
                        "clusterName=bench-optimistic-" + optimistic + "-" + threads)) {
                    ClusterStats before = stats(design);
                    LoadRun.Result result = LoadRun.Result.of(List.of(LoadRun.run(design,
                            Workload.READ_MOSTLY_TRANSACTIONS, threads, warmUp, measure)));
                    ClusterStats after = stats(design);
                    long replicaReads = reads(after.replicas()) - reads(before.replicas());
                    long primaryReads = after.primary().reads() - before.primary().reads();
                    long started = after.optimistic().started() - before.optimistic().started();
                    long moved = after.optimistic().moved() - before.optimistic().moved();
                    long ended = after.optimistic().endedOnReplica() - before.optimistic().endedOnReplica();
                    long refused = after.optimistic().refused() - before.optimistic().refused();
                    String row = String.format(Locale.ROOT, "| %d | %s | %,.0f | %.0f | %.0f | %.1f %% | %,d | %,d |"
                                    + " %s |%n", threads, optimistic ? "on" : "off", result.opsPerSecond(),
                            result.p50Micros(), result.p99Micros(),
                            100.0 * replicaReads / Math.max(1, replicaReads + primaryReads), moved, ended,
                            optimistic ? String.format(Locale.ROOT, "%.2f", 1000.0 * refused / Math.max(1, started))
                                    : "-");
                    table.append(row);
                    System.out.print(row);
                }
            }
        }
        return table.toString();
    }

    private static ClusterStats stats(Design design) throws SQLException {
        try (Connection connection = design.forRead()) {
            return connection.unwrap(RoutingConnection.class).clusterStats();
        }
    }

    private static long reads(List<NodeStats> nodes) {
        return nodes.stream().mapToLong(NodeStats::reads).sum();
    }
}
