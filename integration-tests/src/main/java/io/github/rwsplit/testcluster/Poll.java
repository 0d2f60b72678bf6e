package io.github.rwsplit.testcluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits for a condition that nothing can signal, by checking it until a deadline. */
public final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Poll() {
    }

    /** @throws ClusterException naming {@code what} if the condition is still false at the deadline */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ClusterException("timed out after " + timeout.toMillis() + " ms waiting until " + what);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(INTERVAL.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClusterException("interrupted waiting until " + what, e);
            }
        }
    }
}
