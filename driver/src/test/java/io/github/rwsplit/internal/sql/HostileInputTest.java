package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whatever the input, classify answers (never throws) in time linear in its length. */
class HostileInputTest {
    private static final int MEGABYTE = 1 << 20;
    // Generous: these assert that nothing explodes (exponential parsing, recursion), not speed.
    private static final Duration BOUND = Duration.ofSeconds(20);

    private final SqlClassifier classifier = new SqlClassifier(100);

    @AfterEach
    void noInternalErrors() {
        assertEquals(0, classifier.internalErrors(), "internal errors answered as writes");
    }

    private Classification classify(String sql) {
        Classification result = assertTimeoutPreemptively(BOUND, () -> classifier.classify(sql));
        assertNotNull(result);
        return result;
    }

    @Test
    void nullAndEmptyAreNotUnderstood() {
        assertEquals(Target.WRITE, classify(null).target());
        assertEquals(Target.WRITE, classify("").target());
        assertEquals(Target.WRITE, classify(" \t\n").target());
    }

    @Test
    void oneMegabyteStatementsAreClassified() {
        StringBuilder inList = new StringBuilder("SELECT * FROM t WHERE id IN (0");
        for (int i = 1; inList.length() < MEGABYTE; i++) {
            inList.append(", ").append(i);
        }
        assertEquals(Target.REPLICA_READ, classify(inList.append(')').toString()).target());
        assertEquals(Target.REPLICA_READ, classify("SELECT '" + "x".repeat(MEGABYTE) + "'").target());
        assertEquals(Target.WRITE, classify("INSERT INTO t VALUES " + "(1, 'a'),".repeat(MEGABYTE / 9) + "(2, 'b')")
                .target());
        assertEquals(Target.REPLICA_READ, classify("SELECT 1 " + "/*rwsplit:bogus*/".repeat(MEGABYTE / 17))
                .target());
        assertEquals(Target.WRITE, classify("SELECT 1;".repeat(MEGABYTE / 9) + "DELETE FROM t").target());
        assertEquals(MEGABYTE / 14, classify("DROP TABLE t1;".repeat(MEGABYTE / 14)).droppedTables().size());
    }

    @Test
    void manyUnrecognisedStatementsDoNotEachCostAParse() {
        SqlClassifier fresh = new SqlClassifier(0);
        assertEquals(Target.WRITE, classify("GIBBERISH;".repeat(MEGABYTE / 10)).target());
        assertEquals(Target.WRITE, fresh.classify("SEL 1;".repeat(MEGABYTE / 6)).target());
        assertEquals(ScriptScanner.MAX_PARSER_CALLS_PER_TEXT, fresh.parserCalls());
    }

    @Test
    void deepNestingIsClassifiedWithoutRecursion() {
        int depth = 100_000;
        assertEquals(Target.REPLICA_READ,
                classify("SELECT " + "(".repeat(depth) + "1" + ")".repeat(depth)).target());
        assertEquals(Target.REPLICA_READ,
                classify("(".repeat(depth) + "SELECT 1" + ")".repeat(depth)).target());
        assertEquals(Target.WRITE, classify("(".repeat(depth)).target());
        assertEquals(Target.WRITE, classify(")".repeat(depth)).target());
        assertEquals(Target.WRITE, classify("SEL " + "(".repeat(depth) + "1" + ")".repeat(depth)).target());
        assertEquals(Target.WRITE, classify("SET STATEMENT a=1 FOR ".repeat(depth) + "DELETE FROM t").target());
    }

    @Test
    void unterminatedQuotesAndCommentsAreClassified() {
        for (String sql : new String[] {"SELECT 'abc", "SELECT \"abc", "SELECT `abc", "SELECT 1 /* abc",
                "SELECT @'abc", "SELECT @@`abc", "SELECT 'abc\\", "SELECT /*! 1", "SELECT /*M!", "SELECT /*!",
                "/*", "'", "\"", "`", "@", "@@", "#", "--", "-- ", "/*rwsplit:", "{", "SELECT 1 --", "\\"}) {
            assertNotNull(classify(sql).target(), sql);
            assertNotNull(classify(sql + "\n; DELETE FROM t").target(), sql);
        }
        assertEquals(Target.WRITE, classify("DELETE FROM t WHERE a = 'unterminated").target());
    }

    @Test
    void nulCharactersAreClassified() {
        assertEquals(Target.REPLICA_READ, classify("SELECT\0 1").target());
        assertEquals(Target.WRITE, classify("\0\0\0").target());
        assertEquals(Target.WRITE, classify("SELECT 1\0;\0DELETE FROM t").target());
        assertEquals(Target.WRITE, classify("\0".repeat(MEGABYTE)).target());
    }

    @Test
    void randomBytesAreClassified() {
        Random random = new Random(20240611);
        char[] alphabet = "SELECTINSERTDELETEFORUPDATE@#-/*!'\"`\\;(){}?=:., \n\t\0M".toCharArray();
        for (int i = 0; i < 5_000; i++) {
            int length = random.nextInt(200);
            StringBuilder sql = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                sql.append(random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)]
                        : (char) random.nextInt(i % 2 == 0 ? 256 : 0x10000));
            }
            assertNotNull(classifier.classify(sql.toString()), sql::toString);
            SqlClassifier.mentionsIdentifier(sql.toString(), Set.of("t"));
        }
    }

    @Test
    void aParseThatRunsTooLongIsStopped() {
        // Unstopped, JSqlParser 5.3 spends about 40 seconds failing on this.
        SqlClassifier fresh = new SqlClassifier(0);
        assertEquals(Target.WRITE, assertTimeoutPreemptively(BOUND, () -> fresh.classify("SEL (((1 FOO )))")).target());
        assertEquals(1, fresh.parserCalls());
        assertEquals(1, fresh.parseFailures());
    }

    @Test
    void parserFallbackIsCountedAndNeverHandedDeepOrLongText() {
        SqlClassifier fresh = UnhurriedClassifier.of(0);
        fresh.classify("SELECT 1");
        assertEquals(0, fresh.parserCalls());
        fresh.classify("SEL a FROM t");
        fresh.classify("GIBBERISH");
        fresh.classify("SEL a FROM t WHERE " + "(".repeat(1_000) + "1" + ")".repeat(1_000));
        fresh.classify("SEL " + "(1), ".repeat(1_000) + "1");
        fresh.classify("SEL '" + "x".repeat(FallbackParser.MAX_LENGTH) + "'");
        assertEquals(5, fresh.parserCalls());
        assertEquals(4, fresh.parseFailures());
    }
}
