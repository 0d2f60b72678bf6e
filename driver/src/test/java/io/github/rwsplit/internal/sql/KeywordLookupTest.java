package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The lexer finds keywords by their packed form (up to 12 characters) or in place (longer): ASCII case only. */
class KeywordLookupTest {
    private static Keyword keywordOf(String word) {
        SqlLexer lexer = new SqlLexer();
        lexer.reset(word, Reading.USUAL, null);
        assertEquals(SqlLexer.WORD, lexer.next(), word);
        assertEquals(word.length(), lexer.end, word);
        return lexer.keyword();
    }

    @Test
    void everyKeywordIsFoundInAnyAsciiCase() {
        for (Keyword keyword : Keyword.values()) {
            String name = keyword.name();
            assertEquals(keyword, keywordOf(name));
            assertEquals(keyword, keywordOf(name.toLowerCase(Locale.ROOT)));
            StringBuilder mixed = new StringBuilder(name);
            for (int i = 0; i < mixed.length(); i += 2) {
                mixed.setCharAt(i, Character.toLowerCase(mixed.charAt(i)));
            }
            assertEquals(keyword, keywordOf(mixed.toString()));
        }
    }

    @Test
    void aWordOneCharacterAwayFromAKeywordIsNone() {
        for (Keyword keyword : Keyword.values()) {
            String name = keyword.name();
            assertNull(keywordOf(name + "X"), name + "X");
            assertNull(keywordOf("X" + name), "X" + name);
            assertNull(keywordOf(name + "1"), name + "1");
            assertNull(keywordOf(name + "$"), name + "$");
            assertNull(keywordOf(name + "\u00e9"), name + "é");
            String changed = name.substring(0, name.length() - 1) + (name.endsWith("Z") ? "Y" : "Z");
            assertNotEquals(keyword, keywordOf(changed), changed);
            if (name.length() > 1) {
                assertNotEquals(keyword, keywordOf(name.substring(1)), name.substring(1));
            }
        }
    }

    @Test
    void onlyAsciiLettersFoldCase() {
        // Java would upper-case these to S, K and I; MySQL keywords are ASCII.
        assertNull(keywordOf("\u017felect"));
        assertNull(keywordOf("loc\u212a"));
        assertNull(keywordOf("\u0131nto"));
    }

    @Test
    void wordsAroundTheLengthWherePackingStopsAreToldApart() {
        assertEquals(Keyword.RELEASE_LOCK, keywordOf("release_lock"));
        assertEquals(Keyword.CONNECTION_ID, keywordOf("Connection_Id"));
        assertEquals(Keyword.SQL_CALC_FOUND_ROWS, keywordOf("sql_calc_found_rows"));
        assertNull(keywordOf("xrelease_lock"));
        assertNull(keywordOf("xconnection_id"));
        assertNull(keywordOf("sql_calc_found_rowz"));
        assertNull(keywordOf("a".repeat(13) + "select"));
    }
}
