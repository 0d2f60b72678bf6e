package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Borrowers wait in the gate for a free connection: one wait per borrow, cut short only by a node going down. */
class BorrowGateTest {

    private static CompletableFuture<Boolean> enterInBackground(BorrowGate gate, long millis, AtomicBoolean giveUp) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return gate.enter(BorrowGate.deadlineAfter(millis), giveUp::get);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void admitsAsManyBorrowersAsThePoolHasConnections() throws InterruptedException {
        BorrowGate gate = new BorrowGate(2);
        assertTrue(gate.enter(BorrowGate.deadlineAfter(10), () -> false));
        assertTrue(gate.enter(BorrowGate.deadlineAfter(10), () -> false));
        assertFalse(gate.enter(BorrowGate.deadlineAfter(50), () -> false));
    }

    @Test
    void aReturnedConnectionAdmitsTheWaiter() throws Exception {
        BorrowGate gate = new BorrowGate(1);
        gate.enter(BorrowGate.deadlineAfter(10), () -> false);
        CompletableFuture<Boolean> waiter = enterInBackground(gate, 5_000, new AtomicBoolean());
        while (gate.waiting() == 0) {
            Thread.onSpinWait();
        }
        gate.leave();
        assertTrue(waiter.get(5, TimeUnit.SECONDS));
    }

    @Test
    void aNodeGoingDownWakesEveryWaiterAtOnce() throws Exception {
        BorrowGate gate = new BorrowGate(1);
        gate.enter(BorrowGate.deadlineAfter(10), () -> false);
        AtomicBoolean down = new AtomicBoolean();
        CompletableFuture<Boolean> first = enterInBackground(gate, 30_000, down);
        CompletableFuture<Boolean> second = enterInBackground(gate, 30_000, down);
        while (gate.waiting() < 2) {
            Thread.onSpinWait();
        }
        long start = System.nanoTime();
        down.set(true);
        gate.wakeAll();
        assertFalse(first.get(5, TimeUnit.SECONDS));
        assertFalse(second.get(5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        assertEquals(0, gate.waiting());
    }
}
