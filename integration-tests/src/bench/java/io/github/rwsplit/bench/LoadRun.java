package io.github.rwsplit.bench;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one workload through one design with N threads: a warm-up, then a measured period. */
final class LoadRun {
    /** Throughput in operations per second and latency percentiles in microseconds. */
    record Result(double opsPerSecond, double p50Micros, double p99Micros, long operations) {
    }

    private LoadRun() {
    }

    static Result run(Design design, Workload workload, int threads, Duration warmUp, Duration measure)
            throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<SQLException> failure = new AtomicReference<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            Thread worker = new Thread(() -> {
                while (running.get()) {
                    long started = System.nanoTime();
                    try {
                        workload.run(design);
                    } catch (SQLException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    if (measuring.get()) {
                        recorder.record(System.nanoTime() - started);
                    }
                }
            }, "bench-" + i);
            workers.add(worker);
            worker.start();
        }
        join(warmUp);
        measuring.set(true);
        long startedAt = System.nanoTime();
        join(measure);
        measuring.set(false);
        long elapsed = System.nanoTime() - startedAt;
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(design.name() + " failed under " + workload.label(), failure.get());
        }
        long[] latencies = LatencyRecorder.merged(recorders);
        return new Result(latencies.length / (elapsed / 1e9), LatencyRecorder.percentileMicros(latencies, 50),
                LatencyRecorder.percentileMicros(latencies, 99), latencies.length);
    }

    /** Lets the workers run for {@code period}; the benchmark thread has nothing else to do meanwhile. */
    private static void join(Duration period) throws InterruptedException {
        Thread.currentThread().join(period.toMillis());
    }
}
