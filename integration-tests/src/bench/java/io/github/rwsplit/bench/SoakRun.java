package io.github.rwsplit.bench;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A bounded mixed-fault soak: {@link SoakWorker}s load the embedded cluster through rwsplit while a
 * {@link FaultInjector} freezes, kills, lags and stops its nodes. The driver's goals: no acknowledged write lost, and
 * no error outside the windows in which the primary was really dead.
 */
final class SoakRun {
    static final int ROWS = 10_000;
    static final int THREADS = 8;
    /** After a restart the driver learns the primary is back from its monitor (1 s interval): errors that soon after count as the outage's. */
    static final Duration GRACE = Duration.ofSeconds(2);
    /** No fault begins this close to the end, so the last one has healed before the load stops. */
    private static final Duration QUIET_END = Duration.ofSeconds(10);
    static final String URL_OPTIONS = "monitorInterval=1s, socketTimeout=10000 (ms), readYourWrites default (on)";

    private final Duration duration;
    private final long seed;
    private long startedNanos;

    SoakRun(Duration duration, long seed) {
        this.duration = duration;
        this.seed = seed;
    }

    String run(ReplicationCluster cluster) throws Exception {
        seed(cluster);
        WriteLedger ledger = new WriteLedger();
        ErrorTally errors = new ErrorTally();
        FaultTimeline timeline = new FaultTimeline();
        List<SoakWorker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        FaultInjector faults;
        long elapsed;
        long processCpu;
        try (RwSplitDataSource dataSource = new RwSplitDataSource(
                cluster.rwsplitUrl("monitorInterval=1s", "socketTimeout=10000"))) {
            dataSource.getConnection().close();
            long started = System.nanoTime();
            startedNanos = started;
            long processCpuBefore = processCpuNanos();
            long deadline = started + duration.toNanos();
            faults = new FaultInjector(cluster, seed, deadline - QUIET_END.toNanos(), timeline);
            Thread faultThread = new Thread(faults, "soak-faults");
            faultThread.start();
            for (int i = 0; i < THREADS; i++) {
                SoakWorker worker = new SoakWorker(i, dataSource, deadline, seed, ledger, errors);
                workers.add(worker);
                Thread thread = new Thread(worker, "soak-" + i);
                threads.add(thread);
                thread.start();
            }
            faultThread.join(duration.toMillis() + TimeUnit.MINUTES.toMillis(2));
            for (Thread thread : threads) {
                thread.join(TimeUnit.MINUTES.toMillis(2));
            }
            elapsed = System.nanoTime() - started;
            processCpu = processCpuNanos() - processCpuBefore;
            faults.heal();
        }
        WriteLedger.Check check = ledger.check(cluster);
        return report(workers, errors, timeline, faults, check, elapsed, processCpu);
    }

    private String report(List<SoakWorker> workers, ErrorTally errors, FaultTimeline timeline, FaultInjector faults,
                          WriteLedger.Check check, long elapsedNanos, long processCpuNanos) {
        List<LatencyRecorder> recorders = workers.stream().map(SoakWorker::latencies).toList();
        long[] latencies = LatencyRecorder.merged(recorders);
        long attempted = workers.stream().mapToLong(SoakWorker::operations).sum();
        long workerCpu = workers.stream().mapToLong(SoakWorker::cpuNanos).sum();
        long grace = GRACE.toNanos();
        Map<String, List<ErrorTally.Failure>> inside = errors.byKind(
                failure -> timeline.primaryDead(failure.startNanos(), failure.endNanos(), grace));
        Map<String, List<ErrorTally.Failure>> outside = errors.byKind(
                failure -> !timeline.primaryDead(failure.startNanos(), failure.endNanos(), grace));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "- %d s, %d threads (70 %% point reads, 20 %% read-write transactions of"
                        + " two ledger inserts, 10 %% autocommit ledger inserts), seed %d%n- URL options: %s%n"
                        + "- faults injected: %s%n- primary-dead windows (kill to answering again, +%d s grace): %s%n%n",
                duration.toSeconds(), THREADS, seed, URL_OPTIONS, faults.injected(), GRACE.toSeconds(),
                windows(timeline)));
        out.append("| figure | value |\n|---|---|\n");
        out.append(String.format(Locale.ROOT, "| acknowledged writes checked on the primary | %,d |%n"
                        + "| acknowledged writes lost | %d |%n| keys stored more than once (replayed writes) | %d |%n"
                        + "| failed writes that committed anyway (outcome unknown to the application) | %d |%n"
                        + "| operations attempted / succeeded | %,d / %,d |%n| throughput (successful ops/s) | %,.0f |%n"
                        + "| latency p50 / p99 / max of successful ops, µs | %.0f / %.0f / %.0f |%n"
                        + "| client CPU per op, soak threads (ThreadMXBean, as end to end) | %.1f µs |%n"
                        + "| client CPU per op, whole JVM (process CPU time / ops) | %.1f µs |%n"
                        + "| errors inside primary-dead windows / outside | %,d / %,d |%n",
                check.acknowledged(), check.lost(), check.duplicated(), check.unacknowledgedButStored(), attempted,
                latencies.length, latencies.length / (elapsedNanos / 1e9),
                LatencyRecorder.percentileMicros(latencies, 50), LatencyRecorder.percentileMicros(latencies, 99),
                latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e3,
                workerCpu / 1e3 / Math.max(1, attempted), processCpuNanos / 1e3 / Math.max(1, attempted),
                count(inside), count(outside)));
        if (check.unexplained() > 0) {
            out.append("| rows with a key no writer attempted | ").append(check.unexplained()).append(" |\n");
        }
        if (errors.dropped() > 0) {
            out.append("| errors counted but not classified (over the cap) | ").append(errors.dropped()).append(" |\n");
        }
        out.append("\nErrors by kind (SQLState | exception | message head, digits as #); \"during\" names the faults"
                        + " in effect (+grace) while the failed operation ran:\n\n")
                .append("| where | kind | operations | during | count |\n|---|---|---|---|---|\n");
        appendKinds(out, "inside", inside, timeline);
        appendKinds(out, "**outside**", outside, timeline);
        if (!outside.isEmpty()) {
            out.append("\nErrors outside the windows, first of each kind in full:\n\n");
            outside.forEach((kind, failures) -> out.append("- ").append(describe(failures.get(0), timeline))
                    .append('\n'));
        }
        return out.toString();
    }

    private void appendKinds(StringBuilder out, String where, Map<String, List<ErrorTally.Failure>> kinds,
                             FaultTimeline timeline) {
        kinds.forEach((kind, failures) -> {
            Map<String, Long> operations = new TreeMap<>();
            Map<String, Long> during = new TreeMap<>();
            for (ErrorTally.Failure failure : failures) {
                operations.merge(failure.operation(), 1L, Long::sum);
                during.merge(during(failure, timeline), 1L, Long::sum);
            }
            out.append("| ").append(where).append(" | `").append(kind).append("` | ").append(operations)
                    .append(" | ").append(during).append(" | ").append(failures.size()).append(" |\n");
        });
        if (kinds.isEmpty()) {
            out.append("| ").append(where).append(" | none | | | 0 |\n");
        }
    }

    private String describe(ErrorTally.Failure failure, FaultTimeline timeline) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%s at +%.1f s, during %s: ",
                failure.operation(), (failure.startNanos() - startedNanos) / 1e9, during(failure, timeline)));
        Throwable error = failure.error();
        for (int depth = 0; error != null && depth < 3; depth++, error = error.getCause()) {
            text.append(depth == 0 ? "" : " ← caused by ").append(error.getClass().getName());
            if (error instanceof SQLException sql) {
                text.append(" [").append(sql.getSQLState()).append("]");
            }
            text.append(": ").append(String.valueOf(error.getMessage()).replace('\n', ' '));
        }
        return text.toString();
    }

    private static String during(ErrorTally.Failure failure, FaultTimeline timeline) {
        Set<FaultInjector.Fault> faults = timeline.during(failure.startNanos(), failure.endNanos(), GRACE.toNanos());
        return faults.isEmpty() ? "no fault" : faults.toString();
    }

    private static long count(Map<String, List<ErrorTally.Failure>> kinds) {
        return kinds.values().stream().mapToLong(List::size).sum();
    }

    private String windows(FaultTimeline timeline) {
        List<FaultTimeline.Window> windows = timeline.windows().stream().filter(FaultTimeline.Window::primaryDead).toList();
        if (windows.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        for (FaultTimeline.Window window : windows) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1f s",
                    (window.endNanos() - window.startNanos()) / 1e9));
        }
        return windows.size() + " (" + text + ")";
    }

    private static void seed(ReplicationCluster cluster) throws SQLException {
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE soak_read (id INT PRIMARY KEY, v INT NOT NULL)");
            statement.execute("INSERT INTO soak_read SELECT seq, seq FROM seq_1_to_" + ROWS);
            statement.execute(WriteLedger.CREATE);
        }
        cluster.awaitReplication(Duration.ofSeconds(60));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
