package io.github.rwsplit.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * When each fault of the soak was in effect, in {@link System#nanoTime()} values comparable with the workers' own.
 * A kill of the primary lasts from just before the kill until the restarted server answers a query: those are the
 * windows in which errors are expected. Every other fault's window lets the report name the fault behind an error that
 * should not have happened.
 */
final class FaultTimeline {
    record Window(FaultInjector.Fault fault, long startNanos, long endNanos) {
        boolean primaryDead() {
            return fault == FaultInjector.Fault.KILL_PRIMARY;
        }
    }

    private final List<Window> windows = new ArrayList<>();
    private FaultInjector.Fault open;
    private long openedAt;

    synchronized void opened(FaultInjector.Fault fault, long nanos) {
        open = fault;
        openedAt = nanos;
    }

    /** Ends the open window; does nothing when none is open (a heal after a fault that already ended). */
    synchronized void closed(long nanos) {
        if (open != null) {
            windows.add(new Window(open, openedAt, nanos));
            open = null;
        }
    }

    synchronized List<Window> windows() {
        return List.copyOf(windows);
    }

    /**
     * Whether an operation that ran from {@code startNanos} to {@code endNanos} overlapped a primary-dead window,
     * counting {@code graceNanos} after each restart: the driver learns that the primary is back from its monitor's
     * next check, not at the instant the server starts answering.
     */
    synchronized boolean primaryDead(long startNanos, long endNanos, long graceNanos) {
        return windows.stream().anyMatch(window -> window.primaryDead() && overlaps(window, startNanos, endNanos,
                graceNanos));
    }

    /** The faults whose windows (with the same grace) the operation overlapped, in the order they happened. */
    synchronized Set<FaultInjector.Fault> during(long startNanos, long endNanos, long graceNanos) {
        Set<FaultInjector.Fault> faults = new LinkedHashSet<>();
        windows.stream().filter(window -> overlaps(window, startNanos, endNanos, graceNanos))
                .forEach(window -> faults.add(window.fault()));
        return faults;
    }

    private static boolean overlaps(Window window, long startNanos, long endNanos, long graceNanos) {
        return startNanos <= window.endNanos() + graceNanos && endNanos >= window.startNanos();
    }
}
