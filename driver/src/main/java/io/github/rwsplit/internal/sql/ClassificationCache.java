package io.github.rwsplit.internal.sql;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers classifications by SQL text, in at most {@code capacity} entries whose texts have at most
 * {@code characters} characters together.
 *
 * <p>Two generations, each allowed half of both bounds: new entries go to the current one; when it has no room
 * left it becomes the previous one and the older previous one is dropped whole. A hit in the previous generation
 * moves the entry forward, so statements in steady use survive while one-off text (literals built into SQL) ages
 * out. A hit in the current generation allocates nothing and takes no lock. Text longer than
 * {@link #MAX_KEY_LENGTH}, or than half the character budget, is not cached: a text that fills a generation alone
 * would flush the cache each time it came by.
 *
 * <p>The character budget is what bounds memory when SQL carries long literals; the entry count bounds the
 * per-entry overhead of short texts. Room in a generation is reserved before an entry goes in, so neither bound is
 * exceeded even while threads add entries at once; text added twice by racing threads is charged twice, which
 * errs on the small side.
 */
final class ClassificationCache {
    static final int MAX_KEY_LENGTH = 16 * 1024;

    private final int generationEntries;
    private final int generationCharacters;
    private final int maxKeyLength;
    private volatile Generation current = new Generation();
    private volatile Generation previous = new Generation();

    /**
     * @param capacity   how many entries; 0 or 1 remembers none
     * @param characters how many characters of SQL text the entries may hold together; 0 or 1 remembers none
     */
    ClassificationCache(int capacity, int characters) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0: " + capacity);
        }
        if (characters < 0) {
            throw new IllegalArgumentException("cache character budget must be >= 0: " + characters);
        }
        this.generationCharacters = characters / 2;
        this.generationEntries = generationCharacters == 0 ? 0 : capacity / 2;
        this.maxKeyLength = Math.min(MAX_KEY_LENGTH, generationCharacters);
    }

    Classification get(String sql) {
        Classification found = current.get(sql);
        if (found == null && generationEntries > 0) {
            found = previous.get(sql);
            if (found != null) {
                put(sql, found);
            }
        }
        return found;
    }

    void put(String sql, Classification classification) {
        int length = sql.length();
        if (generationEntries == 0 || length > maxKeyLength) {
            return;
        }
        Generation target = current;
        if (!target.reserve(length, generationEntries, generationCharacters)) {
            target = rotate(target);
            if (!target.reserve(length, generationEntries, generationCharacters)) {
                // Other threads filled the fresh generation already: this text is simply not remembered.
                return;
            }
        }
        target.put(sql, classification);
    }

    /** How many entries the cache holds now. */
    int size() {
        return current.size() + previous.size();
    }

    /** How many characters of SQL text the cache holds now, counted entry by entry. */
    long characters() {
        return current.heldCharacters() + previous.heldCharacters();
    }

    private synchronized Generation rotate(Generation full) {
        if (current == full) {
            previous = full;
            current = new Generation();
        }
        return current;
    }

    /**
     * One generation's entries, with the room they took. A map subclass rather than a holder, so that a hit costs
     * the same one volatile read and map lookup as a plain map.
     */
    private static final class Generation extends ConcurrentHashMap<String, Classification> {
        private static final int ENTRY_SHIFT = 32;
        private static final long CHARACTER_MASK = (1L << ENTRY_SHIFT) - 1;

        /** Entries reserved in the high half, characters in the low half: both change in one compare-and-set. */
        private final AtomicLong reserved = new AtomicLong();

        boolean reserve(int length, int maxEntries, int maxCharacters) {
            while (true) {
                long now = reserved.get();
                long entries = now >>> ENTRY_SHIFT;
                long characters = now & CHARACTER_MASK;
                if (entries >= maxEntries || characters + length > maxCharacters) {
                    return false;
                }
                if (reserved.compareAndSet(now, now + (1L << ENTRY_SHIFT) + length)) {
                    return true;
                }
            }
        }

        long heldCharacters() {
            long sum = 0;
            for (String sql : keySet()) {
                sum += sql.length();
            }
            return sum;
        }
    }
}
