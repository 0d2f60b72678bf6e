package io.github.rwsplit.bench;

import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** Runs one workload through one design with N threads: a warm-up, then a measured period. */
final class LoadRun {
    /**
     * Throughput in operations per second, latency percentiles in microseconds, and the bytes the workers' own
     * threads allocated per operation while measured (the driver's and Connector/J's per-statement garbage).
     */
    record Result(double opsPerSecond, double p50Micros, double p99Micros, long operations, double bytesPerOperation) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LoadRun() {
    }

    static Result run(Design design, Workload workload, int threads, Duration warmUp, Duration measure)
            throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<SQLException> failure = new AtomicReference<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        LongAdder allocated = new LongAdder();
        for (int i = 0; i < threads; i++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            Thread worker = new Thread(() -> {
                // -1: measuring has not begun; -2: it is over and this thread's bytes are counted.
                long allocatedBefore = -1;
                while (running.get()) {
                    boolean measured = measuring.get();
                    if (measured && allocatedBefore == -1) {
                        allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                    } else if (!measured && allocatedBefore >= 0) {
                        allocated.add(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
                        allocatedBefore = -2;
                    }
                    long started = System.nanoTime();
                    try {
                        workload.run(design);
                    } catch (SQLException e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    if (measured) {
                        recorder.record(System.nanoTime() - started);
                    }
                }
                if (allocatedBefore >= 0) {
                    allocated.add(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
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
                LatencyRecorder.percentileMicros(latencies, 99), latencies.length,
                (double) allocated.sum() / Math.max(1, latencies.length));
    }

    /** Lets the workers run for {@code period}; the benchmark thread has nothing else to do meanwhile. */
    private static void join(Duration period) throws InterruptedException {
        Thread.currentThread().join(period.toMillis());
    }
}
