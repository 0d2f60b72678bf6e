package io.github.rwsplit.internal.sql;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers classifications by SQL text, in at most {@code capacity} entries.
 *
 * <p>Two generations: new entries go to the current one; when it is full it becomes the previous one and the
 * older previous one is dropped whole. A hit in the previous generation moves the entry forward, so statements in
 * steady use survive while one-off text (literals built into SQL) ages out. A hit in the current generation
 * allocates nothing. Text longer than {@link #MAX_KEY_LENGTH} is not cached, so the cache's memory stays bounded
 * by capacity times that length.
 */
final class ClassificationCache {
    static final int MAX_KEY_LENGTH = 16 * 1024;

    private final int generationCapacity;
    private volatile ConcurrentHashMap<String, Classification> current = new ConcurrentHashMap<>();
    private volatile ConcurrentHashMap<String, Classification> previous = new ConcurrentHashMap<>();

    ClassificationCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("cache capacity must be >= 0: " + capacity);
        }
        this.generationCapacity = capacity / 2;
    }

    Classification get(String sql) {
        Classification found = current.get(sql);
        if (found == null && generationCapacity > 0) {
            found = previous.get(sql);
            if (found != null) {
                put(sql, found);
            }
        }
        return found;
    }

    void put(String sql, Classification classification) {
        if (generationCapacity == 0 || sql.length() > MAX_KEY_LENGTH) {
            return;
        }
        ConcurrentHashMap<String, Classification> target = current;
        if (target.size() >= generationCapacity) {
            target = rotate(target);
        }
        target.put(sql, classification);
    }

    /** How many entries the cache holds now. */
    int size() {
        return current.size() + previous.size();
    }

    private synchronized ConcurrentHashMap<String, Classification> rotate(
            ConcurrentHashMap<String, Classification> full) {
        if (current == full) {
            previous = full;
            current = new ConcurrentHashMap<>();
        }
        return current;
    }
}
