package io.github.rwsplit.internal.cluster;

import java.util.concurrent.TimeUnit;
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
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private int free;
    private int waiting;

    BorrowGate(int capacity) {
        this.free = capacity;
    }

    /**
     * Takes a place, waiting until {@code deadlineNanos} or until {@code giveUp} holds when woken.
     *
     * @return whether a place was taken; false when the deadline passed or {@code giveUp} held
     */
    boolean enter(long deadlineNanos, BooleanSupplier giveUp) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            waiting++;
            try {
                while (free <= 0) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0 || giveUp.getAsBoolean()) {
                        return false;
                    }
                    changed.awaitNanos(left);
                }
                free--;
                return true;
            } finally {
                waiting--;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives a place back and lets the longest waiter take it. */
    void leave() {
        lock.lock();
        try {
            free++;
            changed.signal();
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            return waiting;
        } finally {
            lock.unlock();
        }
    }

    static long deadlineAfter(long millis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
