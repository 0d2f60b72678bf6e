package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RecentTextsTest {

    @Test
    void aTextCountsAsRecentOnlyWhenItComesBack() {
        RecentTexts recent = new RecentTexts(64);
        assertFalse(recent.cameBefore("SELECT v FROM t WHERE id = ?"));
        assertTrue(recent.cameBefore("SELECT v FROM t WHERE id = ?"));
        assertTrue(recent.cameBefore(new String("SELECT v FROM t WHERE id = ?")), "equal text, another instance");
    }

    @Test
    void literalsBuiltIntoSqlNeverEnterTheCache() {
        SqlClassifier classifier = UnhurriedClassifier.of(4096);
        for (int i = 0; i < 10_000; i++) {
            classifier.classify("SELECT v FROM t WHERE id = " + i);
        }
        assertEquals(0, classifier.cachedTexts());
    }

    @Test
    void aStatementInSteadyUseIsCachedAmongOneOffText() {
        SqlClassifier classifier = UnhurriedClassifier.of(4096);
        for (int i = 0; i < 1_000; i++) {
            classifier.classify("SELECT v FROM t WHERE id = ?");
            classifier.classify("SELECT v FROM t WHERE id = " + i);
        }
        assertEquals(1, classifier.cachedTexts());
    }

    @Test
    void aTextIsCachedWhenItComesASecondTime() {
        SqlClassifier classifier = UnhurriedClassifier.of(4096);
        classifier.classify("UPDATE t SET v = 1 WHERE id = ?");
        assertEquals(0, classifier.cachedTexts());
        classifier.classify("UPDATE t SET v = 1 WHERE id = ?");
        assertEquals(1, classifier.cachedTexts());
    }
}
