package io.github.rwsplit.internal.cluster;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Admits at most as many borrowers into a node's pool as it has connections, and keeps the others waiting here.
 * HikariCP cannot be told to give up on its waiters, and polling it in short slices costs an exception per slice;
 * waiting here instead lets one wait last as long as the pool's timeout while the node is healthy, and lets a node
 * that goes down wake every waiter at once.
 */
final class BorrowGate {
    /** Places left; taken and given back without a lock while there are any, as on nearly every borrow. */
    private final AtomicInteger free;
    /** Borrowers in {@link #enter} that found no place; only they need the lock and a signal. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();

    BorrowGate(int capacity) {
        this.free = new AtomicInteger(capacity);
    }

    /**
     * Takes a place, waiting until {@code deadlineNanos} or until {@code giveUp} holds when woken.
     *
     * @return whether a place was taken; false when the deadline passed or {@code giveUp} held
     */
    boolean enter(long deadlineNanos, BooleanSupplier giveUp) throws InterruptedException {
        if (tryTake()) {
            return true;
        }
        lock.lockInterruptibly();
        try {
            // Counted before looking again: a place given back from now on signals, and the signal needs the lock.
            waiting.incrementAndGet();
            try {
                while (!tryTake()) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0 || giveUp.getAsBoolean()) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                return true;
            } finally {
                waiting.decrementAndGet();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean tryTake() {
        for (int places = free.get(); places > 0; places = free.get()) {
            if (free.compareAndSet(places, places - 1)) {
                return true;
            }
        }
        return false;
    }

    /** Gives a place back and lets the longest waiter take it. */
    void leave() {
        free.incrementAndGet();
        if (waiting.get() > 0) {
            lock.lock();
            try {
                changed.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Wakes every waiter to look at its {@code giveUp} condition again. */
    void wakeAll() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Borrowers waiting for a place now. */
    int waiting() {
        return waiting.get();
    }

    static long deadlineAfter(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
