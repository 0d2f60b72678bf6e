package io.github.rwsplit.bench;

import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SqlClassifier;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks and writes their tables to target/benchmarks.md. Arguments: {@code classifier} (JMH, with the
 * GC profiler for allocation), {@code endtoend} (the designs side by side on the embedded cluster); both by default.
 * {@code soak} (only when named) runs the mixed-fault soak of {@link SoakRun}; {@code optimistic} (only when named)
 * the read-mostly transactions of {@link OptimisticBenchmark}. System properties: bench.warmup and
 * bench.measure (seconds per run), bench.rounds (slices each row's measured time is cut into, the designs taking
 * turns; default 3), bench.threads (e.g. 1,4,16), bench.designs (compared with direct: rwsplit,connectorj,haproxy),
 * bench.workloads (names of {@link Workload} constants); for the soak bench.soakSeconds
 * (default 120) and bench.soakSeed (default: the clock, printed).
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> what = args.length == 0 ? Set.of("classifier", "endtoend") : Set.of(args);
        StringBuilder report = new StringBuilder("# Benchmark run\n\n").append(machine()).append('\n');
        if (what.contains("classifier")) {
            Options options = new OptionsBuilder().include(ClassifierBenchmark.class.getName())
                    .addProfiler(GCProfiler.class).build();
            report.append("## Classifier (JMH, ns/op; gc.alloc.rate.norm in B/op)\n\n```\n");
            new Runner(options).run().forEach(result -> report.append(result.getParams().getParam("statement"))
                    .append(" ").append(result.getPrimaryResult().getLabel()).append(": ")
                    .append(String.format("%.1f ns/op", result.getPrimaryResult().getScore()))
                    .append(", alloc ").append(allocation(result)).append('\n'));
            report.append("```\n\nPath each statement took (uncached):\n\n");
            SqlClassifier classifier = new SqlClassifier(0);
            Statements.all().forEach((name, sql) -> {
                Classification classification = classifier.classify(sql);
                report.append("- ").append(name).append(": ").append(classification.target()).append(", ")
                        .append(classification.decidedByParser() ? "JSqlParser" : "lexical scan (no JSqlParser call)")
                        .append('\n');
            });
            report.append('\n');
        }
        if (what.contains("endtoend")) {
            Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
            Duration measure = Duration.ofSeconds(Long.getLong("bench.measure", 10));
            List<Integer> threads = Arrays.stream(System.getProperty("bench.threads", "1,4,16").split(","))
                    .map(String::trim).map(Integer::valueOf).toList();
            Set<String> designs = Set.of(System.getProperty("bench.designs",
                    "direct-spread,direct-round-robin,pooled-direct,rwsplit,rwsplit-affinity,rwsplit-per-request,"
                            + "connectorj,connectorj-pooled,haproxy")
                    .split(","));
            List<Workload> workloads = Arrays.stream(System.getProperty("bench.workloads",
                    "POINT_SELECT_PREPARED,POINT_SELECT_LITERALS,MIX_90_10").split(",")).map(Workload::valueOf).toList();
            int rounds = Integer.getInteger("bench.rounds", 3);
            EndToEndBenchmark benchmark = new EndToEndBenchmark(warmUp, measure, threads, designs, workloads, rounds);
            try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
                report.append("## End to end (").append(warmUp.toSeconds()).append(" s warm-up, ")
                        .append(measure.toSeconds()).append(" s measured per row in ").append(rounds)
                        .append(" slices, the designs taking turns)\n\n").append(benchmark.run(cluster))
                        .append("\n## Read-your-writes: added latency of a read after a write (1 thread)\n\n")
                        .append(benchmark.readAfterWrite(cluster, 5_000));
            }
        }
        if (what.contains("optimistic")) {
            Duration warmUp = Duration.ofSeconds(Long.getLong("bench.warmup", 5));
            Duration measure = Duration.ofSeconds(Long.getLong("bench.measure", 10));
            List<Integer> threads = Arrays.stream(System.getProperty("bench.threads", "1,4,16").split(","))
                    .map(String::trim).map(Integer::valueOf).toList();
            try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
                report.append("## Read-mostly transactions, optimisticTransactions off and on (")
                        .append(warmUp.toSeconds()).append(" s warm-up, ").append(measure.toSeconds())
                        .append(" s measured per row)\n\n")
                        .append(new OptimisticBenchmark(warmUp, measure, threads).run(cluster));
            }
        }
        if (what.contains("soak")) {
            Duration duration = Duration.ofSeconds(Long.getLong("bench.soakSeconds", 120));
            long seed = Long.getLong("bench.soakSeed", System.currentTimeMillis());
            System.out.println("Soak seed: " + seed);
            try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
                report.append("## Mixed-fault soak\n\n").append(new SoakRun(duration, seed).run(cluster));
            }
        }
        Path out = Path.of("target", "benchmarks.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.out.println(report);
        System.out.println("Written to " + out.toAbsolutePath());
    }

    /** Bytes allocated per operation, from the GC profiler's secondary result (its label varies by JMH version). */
    private static String allocation(org.openjdk.jmh.results.RunResult result) {
        return result.getSecondaryResults().entrySet().stream()
                .filter(entry -> entry.getKey().endsWith("gc.alloc.rate.norm"))
                .map(entry -> String.format("%.1f B/op", entry.getValue().getScore()))
                .findFirst().orElse("n/a");
    }

    private static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return "- machine: " + runtime.availableProcessors() + " CPUs visible to the JVM, "
                + runtime.maxMemory() / (1024 * 1024) + " MiB max heap, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch") + "\n- JVM: "
                + ManagementFactory.getRuntimeMXBean().getVmName() + " " + System.getProperty("java.version") + "\n";
    }
}
