package io.github.rwsplit.bench;

import io.github.rwsplit.testcluster.ReplicationCluster;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The same workloads, threads and cluster through each design, one after another in one run: direct (one held
 * Connector/J connection per thread, the floor), HikariCP to the primary, rwsplit with a held connection and with a
 * getConnection() per request, Connector/J's replication driver, and HAProxy in front of the replicas when it is
 * installed.
 */
final class EndToEndBenchmark {
    private final Duration warmUp;
    private final Duration measure;
    private final List<Integer> threadCounts;
    /**
     * The designs besides direct (one held Connector/J connection per thread), which is always run as the floor:
     * direct-spread, direct-round-robin, pooled-direct, rwsplit, rwsplit-affinity, rwsplit-per-request, connectorj,
     * connectorj-pooled, haproxy.
     */
    private final Set<String> selected;
    private final List<Workload> workloads;
    /** How many slices each row's measured time is cut into, the designs taking turns (bench.rounds). */
    private final int rounds;

    EndToEndBenchmark(Duration warmUp, Duration measure, List<Integer> threadCounts, Set<String> selected,
                      List<Workload> workloads, int rounds) {
        this.warmUp = warmUp;
        this.measure = measure;
        this.threadCounts = threadCounts;
        this.selected = selected;
        this.workloads = workloads;
        this.rounds = rounds;
    }

    String run(ReplicationCluster cluster) throws Exception {
        load(cluster);
        int poolSize = threadCounts.stream().mapToInt(Integer::intValue).max().orElse(16);
        List<Function<ReplicationCluster, Design>> designs = new ArrayList<>();
        designs.add(Designs::directHeld);
        if (selected.contains("direct-spread")) {
            designs.add(Designs::directSpreadHeld);
        }
        if (selected.contains("direct-round-robin")) {
            designs.add(Designs::directRoundRobinHeld);
        }
        if (selected.contains("pooled-direct")) {
            designs.add(c -> Designs.direct(c, poolSize));
        }
        if (selected.contains("rwsplit")) {
            designs.add(c -> Designs.rwsplitHeld(c, poolSize));
        }
        if (selected.contains("rwsplit-affinity")) {
            designs.add(c -> Designs.rwsplitHeld(c, poolSize, "readAffinity=connection"));
        }
        if (selected.contains("rwsplit-per-request")) {
            designs.add(c -> Designs.rwsplit(c, poolSize));
        }
        if (selected.contains("connectorj")) {
            designs.add(Designs::connectorJReplicationHeld);
        }
        if (selected.contains("connectorj-pooled")) {
            designs.add(c -> Designs.connectorJReplication(c, poolSize));
        }
        Optional<Path> haproxyExecutable = HaproxyProcess.executable();
        HaproxyProcess haproxy = null;
        StringBuilder notes = new StringBuilder();
        if (!selected.contains("haproxy")) {
            notes.append("\nHAProxy was not selected (bench.designs).\n");
        } else if (haproxyExecutable.isPresent()) {
            haproxy = HaproxyProcess.start(haproxyExecutable.get(), cluster.replicas());
            HaproxyProcess started = haproxy;
            designs.add(c -> Designs.haproxy(c, started, poolSize));
        } else {
            notes.append("\nHAProxy is not installed (no haproxy executable): its rows are skipped.\n");
            System.out.println("HAProxy is not installed: skipping the HAProxy design");
        }
        StringBuilder table = new StringBuilder("| workload | threads | design | ops/s | p50 µs | p99 µs |"
                + " throughput vs direct | p99 vs direct | alloc B/op | client CPU µs/op | of which kernel µs/op |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        try {
            for (Workload workload : workloads) {
                for (int threads : threadCounts) {
                    List<Row> rows = interleaved(cluster, designs, workload, threads);
                    LoadRun.Result floor = rows.get(0).result();
                    for (Row measured : rows) {
                        LoadRun.Result result = measured.result();
                        String row = String.format(Locale.ROOT,
                                "| %s | %d | %s | %,.0f | %.0f | %.0f | %.2f× | %.2f× | %,.0f | %.1f | %.1f |%n",
                                workload.label(), threads, measured.design(), result.opsPerSecond(),
                                result.p50Micros(), result.p99Micros(), result.opsPerSecond() / floor.opsPerSecond(),
                                result.p99Micros() / floor.p99Micros(), result.bytesPerOperation(),
                                result.cpuMicrosPerOperation(), result.kernelMicrosPerOperation());
                        table.append(row);
                        System.out.print(row);
                    }
                }
            }
        } finally {
            if (haproxy != null) {
                haproxy.close();
            }
        }
        return table + notes.toString();
    }

    /**
     * Measures every design for one workload and thread count in {@link #rounds} slices of {@code measure / rounds},
     * the designs taking turns in an order that rotates each round, each slice after its own warm-up. On a shared
     * machine the cost of a statement drifts over minutes (the servers' background work, the page cache, the
     * scheduler); measured one after the other, the design that always runs first or last would carry that drift.
     */
    private List<Row> interleaved(ReplicationCluster cluster, List<Function<ReplicationCluster, Design>> factories,
                                  Workload workload, int threads) throws Exception {
        List<Design> designs = new ArrayList<>();
        try {
            for (Function<ReplicationCluster, Design> factory : factories) {
                designs.add(factory.apply(cluster));
            }
            List<List<LoadRun.Slice>> slices = new ArrayList<>();
            designs.forEach(design -> slices.add(new ArrayList<>()));
            Duration slice = measure.dividedBy(rounds);
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < designs.size(); turn++) {
                    int index = (round + turn) % designs.size();
                    slices.get(index).add(LoadRun.run(designs.get(index), workload, threads, warmUp, slice));
                }
            }
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < designs.size(); i++) {
                rows.add(new Row(designs.get(i).name(), LoadRun.Result.of(slices.get(i))));
            }
            return rows;
        } finally {
            for (Design design : designs) {
                design.close();
            }
        }
    }

    /** One design's figures for one workload and thread count. */
    private record Row(String design, LoadRun.Result result) {
    }

    /** A read after the connection's own write: how much read-your-writes adds to the read's latency. */
    String readAfterWrite(ReplicationCluster cluster, int iterations) throws Exception {
        try (Design design = Designs.rwsplit(cluster, 4)) {
            LatencyRecorder plain = new LatencyRecorder();
            LatencyRecorder afterWrite = new LatencyRecorder();
            try (Connection connection = design.forWrite();
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_ryw VALUES (?, 0)");
                 PreparedStatement read = connection.prepareStatement("SELECT v FROM bench_ryw WHERE id = ?")) {
                for (int i = 1; i <= iterations * 2; i++) {
                    boolean write = i % 2 == 0;
                    if (write) {
                        insert.setInt(1, i);
                        insert.executeUpdate();
                    }
                    read.setInt(1, write ? i : 1);
                    long started = System.nanoTime();
                    read.executeQuery().close();
                    long took = System.nanoTime() - started;
                    if (i > iterations / 5) {
                        (write ? afterWrite : plain).record(took);
                    }
                }
            }
            long[] base = LatencyRecorder.merged(List.of(plain));
            long[] fresh = LatencyRecorder.merged(List.of(afterWrite));
            return String.format(Locale.ROOT, "| read | median µs | p99 µs |%n|---|---|---|%n"
                            + "| plain read (no write pending) | %.0f | %.0f |%n"
                            + "| read right after the connection's own write | %.0f | %.0f |%n"
                            + "| **added by read-your-writes** | **%.0f** | **%.0f** |%n",
                    LatencyRecorder.percentileMicros(base, 50), LatencyRecorder.percentileMicros(base, 99),
                    LatencyRecorder.percentileMicros(fresh, 50), LatencyRecorder.percentileMicros(fresh, 99),
                    LatencyRecorder.percentileMicros(fresh, 50) - LatencyRecorder.percentileMicros(base, 50),
                    LatencyRecorder.percentileMicros(fresh, 99) - LatencyRecorder.percentileMicros(base, 99));
        }
    }

    private static void load(ReplicationCluster cluster) throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE bench (id INT PRIMARY KEY, v INT NOT NULL)");
            statement.execute("CREATE TABLE bench_ryw (id INT PRIMARY KEY, v INT NOT NULL)");
            statement.execute("INSERT INTO bench_ryw VALUES (1, 0)");
            statement.execute("INSERT INTO bench SELECT seq, 0 FROM seq_1_to_" + Workload.ROWS);
        }
        cluster.awaitReplication(Duration.ofSeconds(60));
    }
}
