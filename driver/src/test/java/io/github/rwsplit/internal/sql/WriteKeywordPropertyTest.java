package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The safety property of the classifier: text that contains a write keyword as a token outside quotes and
 * comments is never a replica read, unless the token is {@code FOR UPDATE}, {@code LOCK IN SHARE MODE}, a call of
 * a function so named ({@code INSERT(...)}, {@code REPLACE(...)}, {@code TRUNCATE(...)}) or an identifier after a
 * dot ({@code t.update}). Checked on random mutations of the corpus, with a deliberately simple tokenizer of its
 * own as the oracle, under both backslash readings of strings.
 */
class WriteKeywordPropertyTest {
    private static final List<String> WRITE_KEYWORDS = List.of("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE",
            "DROP", "ALTER", "TRUNCATE", "RENAME", "GRANT", "REVOKE", "CALL", "LOAD", "LOCK", "UNLOCK", "KILL",
            "PURGE");
    private static final Set<String> WRITE_KEYWORD_SET = Set.copyOf(WRITE_KEYWORDS);
    private static final Set<String> FUNCTIONS = Set.of("INSERT", "REPLACE", "TRUNCATE");
    private static final String NOISE = "'\"`;()#-/*!\\@., \n";
    private static final int MUTATIONS_PER_CASE = 40;

    @Test
    void textWithAWriteKeywordTokenIsNeverAReplicaRead() throws IOException {
        SqlClassifier classifier = new SqlClassifier(0);
        Random random = new Random(7);
        int checked = 0;
        List<String> failures = new ArrayList<>();
        for (ClassifierCorpusTest.Case c : ClassifierCorpusTest.cases()) {
            for (int i = 0; i < MUTATIONS_PER_CASE; i++) {
                String mutated = mutate(c.sql(), random);
                if (!hasWriteKeyword(mutated, true) && !hasWriteKeyword(mutated, false)) {
                    continue;
                }
                checked++;
                if (classifier.classify(mutated).target() == Target.REPLICA_READ && failures.size() < 20) {
                    failures.add("line " + c.line() + ": " + mutated.replace("\n", "⏎"));
                }
            }
        }
        if (!failures.isEmpty()) {
            fail("replica reads despite a write keyword:\n" + String.join("\n", failures));
        }
        assertTrue(checked > 10_000, "only " + checked + " mutations had a write keyword");
        assertEquals(0, classifier.internalErrors(), "internal errors answered as writes");
    }

    private static String mutate(String sql, Random random) {
        StringBuilder text = new StringBuilder(sql);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(4)) {
                case 0, 1 -> text.insert(at, " " + WRITE_KEYWORDS.get(random.nextInt(WRITE_KEYWORDS.size()))
                        + (random.nextBoolean() ? " " : ""));
                case 2 -> text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
                default -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
            }
        }
        return text.toString();
    }

    /** A token of the oracle's reading: a word (upper-cased) or a single other character. */
    private record Token(String text, boolean word, boolean afterDot) {
    }

    /** True when a write keyword is a token of {@code sql} and none of the exceptions applies. */
    static boolean hasWriteKeyword(String sql, boolean backslashEscapes) {
        List<Token> tokens = tokens(sql, backslashEscapes);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (!token.word() || token.afterDot() || !WRITE_KEYWORD_SET.contains(token.text())) {
                continue;
            }
            String previous = i > 0 ? tokens.get(i - 1).text() : "";
            String next = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
            boolean functionCall = next.equals("(") && FUNCTIONS.contains(token.text());
            boolean forUpdate = token.text().equals("UPDATE") && previous.equals("FOR");
            boolean lockInShareMode = token.text().equals("LOCK") && next.equals("IN");
            if (!functionCall && !forUpdate && !lockInShareMode) {
                return true;
            }
        }
        return false;
    }

    /** Words and symbols outside comments and quotes; executable comments are code; quoted text is one token. */
    private static List<Token> tokens(String sql, boolean backslashEscapes) {
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        boolean executable = false;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '/' && sql.startsWith("/*!", i)) {
                i += 3;
                executable = true;
            } else if (c == '/' && sql.startsWith("/*M!", i)) {
                i += 4;
                executable = true;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
            } else if (executable && c == '*' && sql.startsWith("*/", i)) {
                // Only an executable comment ends here; elsewhere "*/" is a '*' and the start of a comment.
                i += 2;
                executable = false;
            } else if (c == '#' || (sql.startsWith("--", i) && (i + 2 >= n || sql.charAt(i + 2) <= ' '))) {
                int newline = sql.indexOf('\n', i);
                i = newline < 0 ? n : newline + 1;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = OracleText.afterQuoted(sql, i, backslashEscapes && c != '`');
                tokens.add(new Token(sql.substring(i, end), false, false));
                i = end;
            } else if (c == '@') {
                int start = i++;
                while (i < n && (OracleText.isWordChar(sql.charAt(i)) || sql.charAt(i) == '@' || sql.charAt(i) == '.')) {
                    i++;
                }
                tokens.add(new Token(sql.substring(start, i), false, false));
            } else if (OracleText.isWordChar(c)) {
                int start = i;
                while (i < n && OracleText.isWordChar(sql.charAt(i))) {
                    i++;
                }
                boolean afterDot = start > 0 && sql.charAt(start - 1) == '.';
                tokens.add(new Token(sql.substring(start, i).toUpperCase(Locale.ROOT), true, afterDot));
            } else {
                if (c > ' ') {
                    tokens.add(new Token(String.valueOf(c), false, false));
                }
                i++;
            }
        }
        return tokens;
    }
}
