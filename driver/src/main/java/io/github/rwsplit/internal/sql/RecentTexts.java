package io.github.rwsplit.internal.sql;

/**
 * Admission to the classification cache: the hashes of recently classified texts, one per slot, so that a text enters
 * the cache only when it comes back while its hash is still there. SQL with its literals built in comes once, and
 * remembering it would cost more than classifying it again (0.1 µs for a point select): a map entry on every
 * statement, a shared counter that every thread updates, and the eviction of texts that do come back.
 *
 * <p>Slots are plain ints written without a lock: threads that race on a slot only delay a text's admission, and a
 * text whose hash collides with another's is at worst admitted on its first repeat or kept out a little longer.
 */
final class RecentTexts {
    private final int[] hashes;

    /** @param slots how many hashes to keep, rounded up to a power of two */
    RecentTexts(int slots) {
        this.hashes = new int[Integer.highestOneBit(Math.max(2, slots) - 1) << 1];
    }

    /** Whether {@code sql} came recently; when it did not, it is recorded as having come now. */
    boolean cameBefore(String sql) {
        int hash = sql.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (hashes.length - 1);
        if (hashes[slot] == hash) {
            return true;
        }
        hashes[slot] = hash;
        return false;
    }
}
