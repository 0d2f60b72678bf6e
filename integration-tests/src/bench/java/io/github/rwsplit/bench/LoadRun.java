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
     * Throughput in operations per second, latency percentiles in microseconds, and what the workers' own threads
     * spent per operation while measured: bytes allocated (the driver's and Connector/J's per-statement garbage) and
     * CPU time (the client-side cost, which on a small machine competes with the servers for the same cores), and of
     * that CPU time the part spent in the kernel (sockets, scheduling).
     */
    record Result(double opsPerSecond, double p50Micros, double p99Micros, long operations, double bytesPerOperation,
                  double cpuMicrosPerOperation, double kernelMicrosPerOperation) {

        /** One figure from several measured periods of the same design, as if they had been one period. */
        static Result of(List<Slice> slices) {
            long[] latencies = LatencyRecorder.merged(slices.stream().flatMap(slice -> slice.latencies().stream())
                    .toList());
            long nanos = slices.stream().mapToLong(Slice::nanos).sum();
            long bytes = slices.stream().mapToLong(Slice::allocatedBytes).sum();
            long cpu = slices.stream().mapToLong(Slice::cpuNanos).sum();
            long user = slices.stream().mapToLong(Slice::userNanos).sum();
            long operations = Math.max(1, latencies.length);
            return new Result(latencies.length / (nanos / 1e9), LatencyRecorder.percentileMicros(latencies, 50),
                    LatencyRecorder.percentileMicros(latencies, 99), latencies.length, (double) bytes / operations,
                    cpu / 1e3 / operations, (cpu - user) / 1e3 / operations);
        }
    }

    /** What one measured period recorded, kept whole so that periods of the same design can be added up. */
    record Slice(List<LatencyRecorder> latencies, long nanos, long allocatedBytes, long cpuNanos, long userNanos) {
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private LoadRun() {
    }

    static Slice run(Design design, Workload workload, int threads, Duration warmUp, Duration measure)
            throws InterruptedException {
        AtomicBoolean measuring = new AtomicBoolean(false);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<SQLException> failure = new AtomicReference<>();
        List<LatencyRecorder> recorders = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        LongAdder allocated = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        LongAdder userNanos = new LongAdder();
        for (int i = 0; i < threads; i++) {
            LatencyRecorder recorder = new LatencyRecorder();
            recorders.add(recorder);
            Thread worker = new Thread(() -> {
                // -1: measuring has not begun; -2: it is over and this thread's bytes and CPU time are counted.
                long allocatedBefore = -1;
                long cpuBefore = 0;
                long userBefore = 0;
                while (running.get()) {
                    boolean measured = measuring.get();
                    if (measured && allocatedBefore == -1) {
                        allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
                        cpuBefore = THREADS.getCurrentThreadCpuTime();
                        userBefore = THREADS.getCurrentThreadUserTime();
                    } else if (!measured && allocatedBefore >= 0) {
                        allocated.add(THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore);
                        cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                        userNanos.add(THREADS.getCurrentThreadUserTime() - userBefore);
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
                    cpuNanos.add(THREADS.getCurrentThreadCpuTime() - cpuBefore);
                    userNanos.add(THREADS.getCurrentThreadUserTime() - userBefore);
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
        return new Slice(recorders, elapsed, allocated.sum(), cpuNanos.sum(), userNanos.sum());
    }

    /** Lets the workers run for {@code period}; the benchmark thread has nothing else to do meanwhile. */
    private static void join(Duration period) throws InterruptedException {
        Thread.currentThread().join(period.toMillis());
    }
}
