package io.github.rwsplit.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every error the soak's operations saw, with when the operation ran, so that the report can split them into those
 * explained by a dead primary and the rest. Stored up to a cap (a soak of minutes stays far below it); past it only
 * counted, so a run that fails everything cannot exhaust the heap.
 */
final class ErrorTally {
    private static final int STORED = 200_000;
    private static final int MESSAGE_HEAD = 70;

    /** One failed operation: what it was, when it ran, and what it threw. */
    record Failure(String operation, long startNanos, long endNanos, Throwable error) {
    }

    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    void record(String operation, long startNanos, long endNanos, Throwable error) {
        if (stored.incrementAndGet() <= STORED) {
            failures.add(new Failure(operation, startNanos, endNanos, error));
        } else {
            dropped.incrementAndGet();
        }
    }

    long total() {
        return failures.size() + dropped.get();
    }

    long dropped() {
        return dropped.get();
    }

    /** Failures grouped by kind, sorted by kind; each group in the order the failures were recorded. */
    Map<String, List<Failure>> byKind(java.util.function.Predicate<Failure> filter) {
        Map<String, List<Failure>> groups = new TreeMap<>();
        for (Failure failure : failures) {
            if (filter.test(failure)) {
                groups.computeIfAbsent(kind(failure.error()), k -> new ArrayList<>()).add(failure);
            }
        }
        return groups;
    }

    /**
     * SQLState, exception type and the head of the message with digits masked: messages name ports, ids and
     * durations, and one kind of failure should count once however its numbers vary.
     */
    static String kind(Throwable error) {
        String state = error instanceof SQLException sql ? String.valueOf(sql.getSQLState()) : "-";
        String message = String.valueOf(error.getMessage()).replace('\n', ' ').replace('|', '/');
        String head = message.length() > MESSAGE_HEAD ? message.substring(0, MESSAGE_HEAD) + "…" : message;
        return String.format(Locale.ROOT, "%s | %s | %s", state, error.getClass().getSimpleName(),
                head.replaceAll("[0-9]+", "#"));
    }
}
