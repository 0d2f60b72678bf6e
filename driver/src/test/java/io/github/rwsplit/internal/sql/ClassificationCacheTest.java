package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClassificationCacheTest {
    private static final Classification READ =
            Classification.of(Target.REPLICA_READ, StatementKind.QUERY, 0, false);

    @Test
    void neverHoldsMoreThanItsCapacity() {
        ClassificationCache cache = new ClassificationCache(100);
        for (int i = 0; i < 10_000; i++) {
            cache.put("SELECT " + i, READ);
            assertTrue(cache.size() <= 100, "size " + cache.size() + " after " + i);
        }
    }

    @Test
    void statementsInSteadyUseSurviveOneOffText() {
        ClassificationCache cache = new ClassificationCache(100);
        cache.put("SELECT hot", READ);
        for (int i = 0; i < 10_000; i++) {
            assertSame(READ, cache.get("SELECT hot"), "evicted after " + i);
            cache.put("SELECT " + i, READ);
        }
    }

    @Test
    void zeroCapacityRemembersNothing() {
        ClassificationCache cache = new ClassificationCache(0);
        cache.put("SELECT 1", READ);
        assertNull(cache.get("SELECT 1"));
        assertEquals(0, cache.size());
    }

    @Test
    void overlongTextIsNotCached() {
        ClassificationCache cache = new ClassificationCache(100);
        String longSql = "SELECT '" + "x".repeat(ClassificationCache.MAX_KEY_LENGTH) + "'";
        cache.put(longSql, READ);
        assertNull(cache.get(longSql));
    }

    @Test
    void negativeCapacityIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SqlClassifier(-1));
    }

    @Test
    void classifierAnswersRepeatedTextWithTheSameInstance() {
        SqlClassifier classifier = new SqlClassifier(1_000);
        Classification first = classifier.classify("SET @a = 1");
        assertSame(first, classifier.classify("SET @a = 1"));
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
