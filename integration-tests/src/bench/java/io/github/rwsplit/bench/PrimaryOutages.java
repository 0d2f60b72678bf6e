package io.github.rwsplit.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The periods in which the soak's primary was really dead: from just before its process was killed until it had been
 * restarted and answered a query. Times are {@link System#nanoTime()} values, comparable with the workers' own.
 */
final class PrimaryOutages {
    record Window(long startNanos, long endNanos) {
    }

    private final List<Window> windows = new ArrayList<>();
    private long openedAt = -1;

    synchronized void opened(long nanos) {
        openedAt = nanos;
    }

    synchronized void closed(long nanos) {
        windows.add(new Window(openedAt, nanos));
        openedAt = -1;
    }

    synchronized List<Window> windows() {
        return List.copyOf(windows);
    }

    /**
     * Whether an operation that ran from {@code startNanos} to {@code endNanos} overlapped an outage, counting
     * {@code graceNanos} after each restart: the driver learns that the primary is back from its monitor's next check,
     * not at the instant the server starts answering. An outage still open counts as lasting until now.
     */
    synchronized boolean overlaps(long startNanos, long endNanos, long graceNanos) {
        for (Window window : windows) {
            if (startNanos <= window.endNanos() + graceNanos && endNanos >= window.startNanos()) {
                return true;
            }
        }
        return openedAt >= 0 && endNanos >= openedAt;
    }
}
