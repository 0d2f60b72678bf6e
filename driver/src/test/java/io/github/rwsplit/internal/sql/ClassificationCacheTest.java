package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ClassificationCacheTest {
    private static final Classification READ =
            Classification.of(Target.REPLICA_READ, StatementKind.QUERY, 0, false);
    private static final int BUDGET = 100_000;

    @Test
    void neverHoldsMoreThanItsCapacity() {
        ClassificationCache cache = new ClassificationCache(100, BUDGET);
        for (int i = 0; i < 10_000; i++) {
            cache.put("SELECT " + i, READ);
            assertTrue(cache.size() <= 100, "size " + cache.size() + " after " + i);
        }
    }

    @Test
    void statementsInSteadyUseSurviveOneOffText() {
        ClassificationCache cache = new ClassificationCache(100, BUDGET);
        cache.put("SELECT hot", READ);
        for (int i = 0; i < 10_000; i++) {
            assertSame(READ, cache.get("SELECT hot"), "evicted after " + i);
            cache.put("SELECT " + i, READ);
        }
    }

    @Test
    void zeroCapacityRemembersNothing() {
        ClassificationCache cache = new ClassificationCache(0, BUDGET);
        cache.put("SELECT 1", READ);
        assertNull(cache.get("SELECT 1"));
        assertEquals(0, cache.size());
    }

    @Test
    void overlongTextIsNotCached() {
        ClassificationCache cache = new ClassificationCache(100, BUDGET);
        String longSql = "SELECT '" + "x".repeat(ClassificationCache.MAX_KEY_LENGTH) + "'";
        cache.put(longSql, READ);
        assertNull(cache.get(longSql));
    }

    @Test
    void aFloodOfDistinctLongTextsNeverHoldsMoreCharactersThanTheBudget() {
        ClassificationCache cache = new ClassificationCache(4096, BUDGET);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            cache.put("SELECT '" + i + "x".repeat(random.nextInt(ClassificationCache.MAX_KEY_LENGTH)) + "'", READ);
            assertTrue(cache.characters() <= BUDGET, "characters " + cache.characters() + " after " + i);
        }
        assertTrue(cache.characters() > BUDGET / 4, "the flood should fill the cache, holds " + cache.characters());
    }

    @Test
    void theDefaultBudgetBoundsTheClassifierCacheWhateverItsEntryCapacity() {
        ClassificationCache cache = new ClassificationCache(1_000_000, SqlClassifier.DEFAULT_CACHE_CHARACTERS);
        String literal = "x".repeat(ClassificationCache.MAX_KEY_LENGTH - 20);
        for (int i = 0; i < 1_000; i++) {
            cache.put("SELECT '" + literal + i + "'", READ);
        }
        assertTrue(cache.characters() <= SqlClassifier.DEFAULT_CACHE_CHARACTERS, "characters " + cache.characters());
    }

    @Test
    void threadsFloodingAtOnceStayWithinTheBudget() throws InterruptedException {
        ClassificationCache cache = new ClassificationCache(4096, BUDGET);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            String prefix = "SELECT " + t + " '" + "y".repeat(3_000 + t * 1_000);
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    cache.put(prefix + i + "'", READ);
                    cache.get(prefix + (i / 2) + "'");
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(cache.characters() <= BUDGET, "characters " + cache.characters());
    }

    @Test
    void shortRepeatedTextStillHitsDuringAFloodOfLongText() {
        ClassificationCache cache = new ClassificationCache(4096, BUDGET);
        String hot = "SELECT * FROM t WHERE id = ?";
        cache.put(hot, READ);
        for (int i = 0; i < 5_000; i++) {
            assertSame(READ, cache.get(hot), "evicted after " + i);
            cache.put("SELECT '" + i + "z".repeat(10_000) + "'", READ);
        }
    }

    @Test
    void textLongerThanHalfTheBudgetIsNotCachedAndFlushesNothing() {
        ClassificationCache cache = new ClassificationCache(100, 1_000);
        cache.put("SELECT 1", READ);
        String longSql = "SELECT '" + "x".repeat(600) + "'";
        for (int i = 0; i < 10; i++) {
            cache.put(longSql, READ);
        }
        assertNull(cache.get(longSql));
        assertSame(READ, cache.get("SELECT 1"));
    }

    @Test
    void zeroCharacterBudgetRemembersNothing() {
        ClassificationCache cache = new ClassificationCache(100, 0);
        cache.put("", READ);
        cache.put("SELECT 1", READ);
        assertEquals(0, cache.size());
    }

    @Test
    void negativeCharacterBudgetIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SqlClassifier(10, -1));
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SqlClassifier(-1));
    }

    @Test
    void classifierAnswersRepeatedTextWithTheSameInstance() {
        SqlClassifier classifier = new SqlClassifier(1_000);
        classifier.classify("SET @a = 1");
        Classification cached = classifier.classify("SET @a = 1");
        assertSame(cached, classifier.classify("SET @a = 1"));
    }

    @Test
    void commonResultsAreSharedInstances() {
        SqlClassifier classifier = new SqlClassifier(0);
        assertSame(classifier.classify("SELECT * FROM t WHERE id = 1"), classifier.classify("SELECT 2"));
        assertSame(classifier.classify("INSERT INTO t VALUES (1)"), classifier.classify("UPDATE t SET a = 1"));
        assertSame(classifier.classify("SELECT 1 FOR UPDATE"), classifier.classify("SELECT @x"));
        assertSame(Classification.NOT_UNDERSTOOD, classifier.classify(null));
    }
}
