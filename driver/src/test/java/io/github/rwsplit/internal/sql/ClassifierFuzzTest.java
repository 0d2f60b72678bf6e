package io.github.rwsplit.internal.sql;

import static io.github.rwsplit.fuzz.FuzzText.deleteSpan;
import static io.github.rwsplit.fuzz.FuzzText.duplicateSpan;
import static io.github.rwsplit.fuzz.FuzzText.replaceWithRandomChar;
import static io.github.rwsplit.fuzz.FuzzText.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link SqlClassifier#classify}: a million inputs made by mutating the classifier corpus (edits
 * where SQL breaks: quotes, comments, NULs, unicode, write keywords), by stringing SQL tokens together at random, and
 * from random characters. Whatever comes in, classify answers without throwing, and never answers a replica read for
 * text in which {@link WriteTokenOracle} sees a token that must keep it off replicas. Prints the number of cases and
 * the slowest classification, so a slowdown shows in the build log.
 */
class ClassifierFuzzTest {
    /** Fixed, so that a failure repeats; another seed or a longer run: -Drwsplit.fuzzSeed=N -Drwsplit.fuzzCases=N. */
    private static final long SEED = Long.getLong("rwsplit.fuzzSeed", 20_261_123L);
    private static final int CASES = Integer.getInteger("rwsplit.fuzzCases", 1_000_000);
    /**
     * Catches hangs and quadratic blow-ups (a quadratic scan of a megabyte takes hours) with room for a loaded machine;
     * how fast the classifier is lives in the JMH benchmark, not here.
     */
    private static final Duration PATHOLOGICAL_BOUND = Duration.ofSeconds(30);
    private static final int MEGABYTE = 1 << 20;

    /** Characters and fragments where SQL text breaks, inserted by the mutations. */
    private static final String[] FRAGMENTS = {"'", "\"", "`", "\\", "/*", "*/", "/*!", "/*M!", "/*!50100 ", "-- ",
            "--", "#", "\n", "\r", "\t", ";", "(", ")", "@", "@@", ".", ",", "?", "{", "}", "\0", "''", "\\'",
            "\u00e9", "\u00a0", "\u2028", "\ufeff", "\ud83d\ude00", "\ud800", "\u0130", "\u017f", "N'", "x'", "0x",
            "/*rwsplit:replica*/", "/*rwsplit:primary*/", " FOR UPDATE", " LOCK IN SHARE MODE", " FOR SHARE",
            "; DELETE FROM t", " INTO @v", "; SELECT 1", "WITH w AS (SELECT 1) ", "(SELECT 1) UNION "};
    /** The tokens random statements are made of: read words, write words, punctuation, comments and quotes. */
    private static final String[] TOKENS = {"SELECT", "select", "FROM", "t", "u", "WHERE", "a", "=", "1", "'x'",
            "\"y\"", "`z`", "(", ")", ",", ".", "*", ";", "UNION", "ALL", "WITH", "AS", "VALUES", "TABLE", "JOIN", "ON",
            "INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER", "TRUNCATE", "GRANT", "CALL", "LOCK",
            "FOR", "IN", "SHARE", "MODE", "INTO", "SET", "DO", "@v", "@@version", "/*", "*/", "/*!", "-- ", "#",
            "\n", "'", "\"", "`", "\\", "?", "\0", "LAST_INSERT_ID()", "GET_LOCK('l', 1)", "SEL", "END", "éA",
            "/*rwsplit:replica*/", "{fn NOW()}"};
    private static final String[] WRITE_WORDS = {"INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER",
            "TRUNCATE", "RENAME", "GRANT", "REVOKE", "CALL", "LOAD", "LOCK", "UNLOCK", "HANDLER", "KILL", "PURGE",
            "OPTIMIZE", "REPAIR", "XA", "INTO", "; HANDLER", "; OPTIMIZE", "; XA", "; DO", "; FLUSH"};

    @Test
    void classifyNeverThrowsNeverSendsAWriteKeywordToAReplica_andMarksReturnedRowsOnlyOnWrites() throws IOException {
        List<String> corpus = new ArrayList<>();
        for (ClassifierCorpusTest.Case c : ClassifierCorpusTest.cases()) {
            corpus.add(c.sql());
        }
        SqlClassifier classifier = new SqlClassifier(0);
        Random random = new Random(SEED);
        long slowest = 0;
        String slowestInput = "";
        int guarded = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String sql = switch (random.nextInt(10)) {
                case 0, 1 -> tokens(random);
                case 2 -> noise(random);
                default -> mutate(corpus.get(random.nextInt(corpus.size())), random);
            };
            long started = System.nanoTime();
            Classification result;
            try {
                result = classifier.classify(sql);
            } catch (Throwable e) {
                throw new AssertionError("case " + i + " (seed " + SEED + ") threw on: " + shown(sql), e);
            }
            long took = System.nanoTime() - started;
            if (took > slowest) {
                slowest = took;
                slowestInput = sql;
            }
            assertNotNull(result, sql);
            if (result.has(Classification.RETURNS_ROWS) && (result.target() != Target.WRITE
                    || result.kind() != StatementKind.DML) && failures.size() < 20) {
                // executeQuery runs what carries the mark through execute: only ever a single data-changing write.
                failures.add("case " + i + ": " + shown(sql) + " [returns rows as " + result.kind() + "]");
            }
            if (WriteTokenOracle.keepsOffReplicas(sql)) {
                guarded++;
                if (result.target() == Target.REPLICA_READ && failures.size() < 20) {
                    failures.add("case " + i + ": " + shown(sql) + " [" + WriteTokenOracle.reason(sql) + "]");
                }
            }
        }
        System.out.printf(Locale.ROOT, "ClassifierFuzzTest: %,d cases (seed %d), %,d with a write token; slowest "
                + "classification %,d ns: %s%n", CASES, SEED, guarded, slowest, shown(slowestInput));
        if (!failures.isEmpty()) {
            fail("replica reads despite a token that keeps them off replicas, or rows returned by what is not a"
                    + " single write (seed " + SEED + "):\n"
                    + String.join("\n", failures));
        }
        assertTrue(guarded > CASES / 5, "only " + guarded + " cases had a write token: the generators drifted");
        assertEquals(0, classifier.internalErrors(), "internal errors answered as writes");
    }

    @Test
    void pathologicalInputsOfAMegabyteNeverHangTheClassifier() {
        SqlClassifier classifier = new SqlClassifier(0);
        int depth = 10_000;
        List<String> inputs = List.of(
                "SELECT '" + "x".repeat(MEGABYTE),
                "SELECT \"" + "\\\"".repeat(MEGABYTE / 2),
                "SELECT 1 /*" + " DELETE".repeat(MEGABYTE / 7),
                "SELECT 1 -- " + "x".repeat(MEGABYTE),
                "SELECT a FROM t WHERE b IN (" + "1, ".repeat(MEGABYTE / 3) + "2)",
                "SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth),
                "(".repeat(depth) + "SELECT 1" + ")".repeat(depth),
                "SEL " + "(".repeat(depth),
                "SELECT " + "(SELECT ".repeat(depth) + "1" + ")".repeat(depth) + " FOR UPDATE",
                "/*!".repeat(MEGABYTE / 3),
                "\0".repeat(MEGABYTE),
                "SELECT 1" + "\0".repeat(MEGABYTE) + "; DELETE FROM t",
                "'".repeat(MEGABYTE),
                "`".repeat(MEGABYTE + 1),
                "\ud800".repeat(MEGABYTE),
                "SELECT @".repeat(MEGABYTE / 8),
                "SELECT 1;".repeat(MEGABYTE / 9) + "INSERT INTO t VALUES (1)");
        for (String sql : inputs) {
            Classification result = assertTimeoutPreemptively(PATHOLOGICAL_BOUND, () -> classifier.classify(sql),
                    () -> "took longer than " + PATHOLOGICAL_BOUND + ": " + shown(sql));
            assertNotNull(result);
            if (WriteTokenOracle.keepsOffReplicas(sql)) {
                assertTrue(result.target() != Target.REPLICA_READ, () -> "replica read: " + shown(sql));
            }
        }
        assertEquals(0, classifier.internalErrors(), "internal errors answered as writes");
    }

    @Test
    void theOracleSeesWriteTokensOnlyOutsideQuotesAndComments() {
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT 1; DELETE FROM t"));
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT a FROM t FOR UPDATE"));
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT a FROM t LOCK IN SHARE MODE"));
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT a INTO @v FROM t"));
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT /*! 1; DROP TABLE t */"));
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT /*!50100 1 */ */ FOR UPDATE"));
        assertTrue(WriteTokenOracle.keepsOffReplicas("SELECT 'it\\'s' ; DELETE FROM t"));
        assertFalse("SELECT 'DELETE', \"UPDATE\", `drop` FROM t");
        assertFalse("SELECT 1 /* DELETE */ -- INSERT\n# DROP");
        assertFalse("SELECT REPLACE(a, 'x', 'y'), INSERT(a, 1, 2, 'z'), TRUNCATE(1.5, 0), t.update FROM t");
        assertFalse("SELECT 'unterminated DELETE");
        assertFalse("SELECT 1 /* unterminated DELETE");
        assertFalse("SELECT */* FROM t FOR UPDATE");
        assertFalse("SELECT REPLACE /*!50100 (a, 'b', 'c') */ FROM t");
    }

    private static void assertFalse(String sql) {
        assertTrue(!WriteTokenOracle.keepsOffReplicas(sql), () -> sql + ": " + WriteTokenOracle.reason(sql));
    }

    /** One to four edits of a real statement. */
    static String mutate(String sql, Random random) {
        StringBuilder text = new StringBuilder(sql);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(8)) {
                case 0, 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> text.insert(at, " " + WRITE_WORDS[random.nextInt(WRITE_WORDS.length)]
                        + (random.nextBoolean() ? " " : ""));
                case 3 -> deleteSpan(text, at, 3, random);
                case 4 -> duplicateSpan(text, at, 12, random);
                case 5 -> replaceWithRandomChar(text, at, random);
                case 6 -> {
                    if (at < text.length()) {
                        char c = text.charAt(at);
                        text.setCharAt(at, Character.isUpperCase(c) ? Character.toLowerCase(c)
                                : Character.toUpperCase(c));
                    }
                }
                default -> text.insert(at, (char) random.nextInt(0x10000));
            }
        }
        return text.toString();
    }

    /** Up to 24 SQL tokens in random order, usually separated by a space. */
    static String tokens(Random random) {
        StringBuilder text = new StringBuilder();
        int count = 1 + random.nextInt(24);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(5) > 0) {
                text.append(' ');
            }
            text.append(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return text.toString();
    }

    /** Random characters, half of the time from the ASCII range where SQL's punctuation lives. */
    static String noise(Random random) {
        int length = random.nextInt(80);
        StringBuilder text = new StringBuilder(length);
        boolean ascii = random.nextBoolean();
        for (int i = 0; i < length; i++) {
            text.append((char) random.nextInt(ascii ? 0x80 : 0x10000));
        }
        return text.toString();
    }

    /** The input as a failure message shows it: control characters visible, at most 200 characters. */
    /**
     * The test's own, deliberately simple reading of SQL, independent of the classifier's lexer. It drops quoted text
     * and comments (reading executable comments as code), under both readings of backslashes in strings, and reports a
     * token that must keep a statement off replicas: a write keyword as a word (not after a dot, and not the functions
     * INSERT(, REPLACE(, TRUNCATE(), a statement that writes by its first word only (HANDLER, OPTIMIZE, ...),
     * FOR UPDATE / FOR SHARE, INTO, or a user variable. Where it is unsure it reports
     * nothing, so a failure is the classifier's.
     */
    static final class WriteTokenOracle {
        private static final Set<String> WRITE_KEYWORDS = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE",
                "DROP", "ALTER", "TRUNCATE", "RENAME", "GRANT", "REVOKE", "CALL", "LOAD", "LOCK", "UNLOCK", "KILL",
                "PURGE", "INTO");
        /** Words that write only as a statement's first word; elsewhere they may be names ({@code SELECT handler}). */
        private static final Set<String> WRITE_STATEMENTS = Set.of("HANDLER", "OPTIMIZE", "REPAIR", "XA", "DO",
                "FLUSH", "RESET");
        private static final Set<String> FUNCTIONS = Set.of("INSERT", "REPLACE", "TRUNCATE");

        private WriteTokenOracle() {
        }

        static boolean keepsOffReplicas(String sql) {
            return reason(sql) != null;
        }

        /** The token that keeps {@code sql} off replicas under either backslash reading, or null. */
        static String reason(String sql) {
            String found = reason(sql, true);
            return found != null ? found : reason(sql, false);
        }

        private static String reason(String sql, boolean backslashEscapes) {
            List<String> tokens = new ArrayList<>();
            List<Boolean> afterDot = new ArrayList<>();
            int n = sql.length();
            int i = 0;
            boolean executable = false;
            while (i < n) {
                char c = sql.charAt(i);
                if (sql.startsWith("/*!", i) || sql.startsWith("/*M!", i)) {
                    // Code, after an optional version number.
                    i += sql.charAt(i + 2) == 'M' ? 4 : 3;
                    while (i < n && sql.charAt(i) >= '0' && sql.charAt(i) <= '9') {
                        i++;
                    }
                    executable = true;
                } else if (sql.startsWith("/*", i)) {
                    int close = sql.indexOf("*/", i + 2);
                    i = close < 0 ? n : close + 2;
                } else if (executable && sql.startsWith("*/", i)) {
                    i += 2;
                    executable = false;
                } else if (c == '#' || sql.startsWith("--", i) && (i + 2 >= n || sql.charAt(i + 2) <= ' ')) {
                    int newline = sql.indexOf('\n', i);
                    i = newline < 0 ? n : newline + 1;
                } else if (c == '\'' || c == '"' || c == '`') {
                    i = OracleText.afterQuoted(sql, i, backslashEscapes && c != '`');
                    tokens.add("'");
                    afterDot.add(false);
                } else if (c == '@' && i + 1 < n && sql.charAt(i + 1) == '@') {
                    // A system variable, @@name or @@scope.name: replicas may answer it.
                    i += 2;
                    while (i < n && (OracleText.isWordChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
                        i++;
                    }
                    tokens.add("@@");
                    afterDot.add(false);
                } else if (c == '@') {
                    i++;
                    if (i < n && (OracleText.isWordChar(sql.charAt(i)) || "'\"`".indexOf(sql.charAt(i)) >= 0)) {
                        return "user variable";
                    }
                    tokens.add("@");
                    afterDot.add(false);
                } else if (OracleText.isWordChar(c)) {
                    int start = i;
                    while (i < n && OracleText.isWordChar(sql.charAt(i))) {
                        i++;
                    }
                    tokens.add(sql.substring(start, i).toUpperCase(Locale.ROOT));
                    afterDot.add(start > 0 && sql.charAt(start - 1) == '.');
                } else {
                    // Servers skip spaces; a NUL is a stray character to them (a syntax error), not a separator.
                    if (c > ' ' || c == '\0') {
                        tokens.add(String.valueOf(c));
                        afterDot.add(false);
                    }
                    i++;
                }
            }
            for (int t = 0; t < tokens.size(); t++) {
                String token = tokens.get(t);
                String next = t + 1 < tokens.size() ? tokens.get(t + 1) : "";
                if (token.equals("FOR") && !afterDot.get(t) && next.equals("SHARE")) {
                    return "FOR SHARE";
                }
                boolean statementStart = t == 0 || tokens.get(t - 1).equals(";");
                if (statementStart && WRITE_STATEMENTS.contains(token)) {
                    return token;
                }
                if (!WRITE_KEYWORDS.contains(token) || afterDot.get(t)) {
                    continue;
                }
                if (next.equals("(") && FUNCTIONS.contains(token)) {
                    continue;
                }
                return token;
            }
            return null;
        }
    }
}
