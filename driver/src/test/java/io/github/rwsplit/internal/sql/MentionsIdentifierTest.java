package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

class MentionsIdentifierTest {
    private static final Set<String> TMP = Set.of("tmp");

    private static boolean mentionsTmp(String sql) {
        return SqlClassifier.mentionsIdentifier(sql, TMP);
    }

    @Test
    void findsUnquotedBacktickedAndDoubleQuotedNamesIgnoringCase() {
        assertTrue(mentionsTmp("SELECT * FROM tmp"));
        assertTrue(mentionsTmp("SELECT * FROM TMP WHERE a = 1"));
        assertTrue(mentionsTmp("SELECT * FROM `Tmp`"));
        assertTrue(mentionsTmp("SELECT * FROM \"tmp\""));
        assertTrue(mentionsTmp("SELECT a FROM t JOIN tmp ON t.id = tmp.id"));
        assertTrue(mentionsTmp("SELECT a FROM t WHERE id IN (SELECT id FROM tmp)"));
    }

    @Test
    void findsAnyPartOfAQualifiedName() {
        assertTrue(mentionsTmp("SELECT * FROM app.tmp"));
        assertTrue(mentionsTmp("SELECT * FROM `app`.`tmp`"));
        assertTrue(mentionsTmp("SELECT tmp.a FROM x AS tmp"));
    }

    @Test
    void readsExecutableCommentsAsCode() {
        assertTrue(mentionsTmp("SELECT * FROM t /*!50000 JOIN tmp USING (id) */"));
        assertTrue(mentionsTmp("SELECT * FROM t /*M! JOIN tmp USING (id) */"));
    }

    @Test
    void ignoresQuotesCommentsAndOtherNames() {
        assertFalse(mentionsTmp("SELECT 'tmp' FROM t"));
        assertFalse(mentionsTmp("SELECT * FROM t /* tmp */"));
        assertFalse(mentionsTmp("SELECT * FROM t -- tmp"));
        assertFalse(mentionsTmp("SELECT * FROM t # tmp"));
        assertFalse(mentionsTmp("SELECT * FROM tmp2, tmp_x, my_tmp"));
        assertFalse(mentionsTmp("SELECT @tmp, @@tmp"));
    }

    @Test
    void findsNamesThatOnlyEscapeStringsUnderNoBackslashEscapes() {
        // With backslash escapes the name is inside a string; under NO_BACKSLASH_ESCAPES it is not.
        assertTrue(mentionsTmp("SELECT 'a\\' FROM tmp WHERE '' = '"));
    }

    @Test
    void findsNamesThatOnlyServersSkippingAConditionalCommentSee() {
        // A server older than 9.99.99 skips the comment, so the quote in it starts no string.
        assertTrue(mentionsTmp("SELECT * FROM t /*!99999 ' */ JOIN tmp USING (id) -- '"));
    }

    @Test
    void answersYesWhereServersDisagreeOnTheText() {
        // Whether the line comment ends the executable comment differs by server.
        assertTrue(mentionsTmp("SELECT * FROM t /*! -- */ WHERE a = 1"));
    }

    @Test
    void matchesAnyOfSeveralNames() {
        Set<String> names = Set.of("a_tmp", "b_tmp", "ünïcode");
        assertTrue(SqlClassifier.mentionsIdentifier("SELECT * FROM B_TMP", names));
        assertTrue(SqlClassifier.mentionsIdentifier("SELECT * FROM ÜNÏCODE", names));
        assertFalse(SqlClassifier.mentionsIdentifier("SELECT * FROM c_tmp", names));
    }

    @Test
    void neverThrowsOnOddInput() {
        assertFalse(SqlClassifier.mentionsIdentifier(null, TMP));
        assertFalse(SqlClassifier.mentionsIdentifier("SELECT * FROM tmp", null));
        assertFalse(SqlClassifier.mentionsIdentifier("SELECT * FROM tmp", Set.of()));
        assertFalse(mentionsTmp(""));
        assertFalse(mentionsTmp("SELECT 'unterminated tmp"));
        assertFalse(mentionsTmp("SELECT `unterminated"));
        assertFalse(mentionsTmp("/* unterminated tmp"));
        assertTrue(mentionsTmp("SELECT\0 tmp\0"));
        assertTrue(mentionsTmp("(".repeat(100_000) + "tmp"));
    }
}
