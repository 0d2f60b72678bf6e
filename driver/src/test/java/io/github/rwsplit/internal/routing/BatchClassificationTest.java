package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SqlClassifier;
import io.github.rwsplit.internal.sql.StatementKind;
import io.github.rwsplit.internal.sql.Target;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Batches are classified whole: the strictest statement decides, and every statement's session effects count. */
class BatchClassificationTest {
    private static final SqlClassifier CLASSIFIER = new SqlClassifier(16);

    private static Classification whole(String... statements) {
        return BatchClassification.of(Stream.of(statements).map(CLASSIFIER::classify).toList());
    }

    static Stream<Arguments> batches() {
        return Stream.of(
                Arguments.of(List.of("SELECT 1", "SELECT 2"), Target.REPLICA_READ),
                Arguments.of(List.of("SELECT 1", "INSERT INTO t VALUES (1)"), Target.WRITE),
                Arguments.of(List.of("INSERT INTO t VALUES (1)", "SELECT 1"), Target.WRITE),
                Arguments.of(List.of("SELECT 1", "SELECT 1 FOR UPDATE"), Target.PRIMARY_READ),
                Arguments.of(List.of("SELECT 1 FOR UPDATE", "SELECT 1", "UPDATE t SET a = 1"), Target.WRITE),
                Arguments.of(List.of("SELECT 1", "SELECT 2", "SELECT 3", "DELETE FROM t"), Target.WRITE),
                Arguments.of(List.of("/*rwsplit:replica*/ SELECT 1", "INSERT INTO t VALUES (1)"), Target.WRITE),
                Arguments.of(List.of("SELECT @x", "SELECT 1"), Target.PRIMARY_READ),
                Arguments.of(List.of("this is not sql", "SELECT 1"), Target.WRITE));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("batches")
    void theStrictestStatementDecidesWhereTheBatchRuns(List<String> statements, Target expected) {
        assertEquals(expected, whole(statements.toArray(String[]::new)).target());
    }

    @Test
    void aWriteAnywhereMakesTheBatchAWriteForReadOnlyConnections() {
        assertTrue(PlacementRules.isWrite(whole("SELECT 1", "SELECT 2", "INSERT INTO t VALUES (1)")));
        assertFalse(PlacementRules.isWrite(whole("SELECT 1", "SELECT 2")));
    }

    @Test
    void temporaryTablesCreatedAnywhereInTheBatchAreTracked() {
        Classification batch = whole("INSERT INTO t VALUES (1)", "CREATE TEMPORARY TABLE tmp (a INT)",
                "CREATE TEMPORARY TABLE tmp2 (a INT)");
        assertEquals(List.of("tmp", "tmp2"), batch.createdTemporaryTables());
    }

    @Test
    void droppedTablesAnywhereInTheBatchAreTracked() {
        assertEquals(List.of("tmp"), whole("INSERT INTO t VALUES (1)", "DROP TEMPORARY TABLE tmp").droppedTables());
    }

    @Test
    void sessionEffectsOfEveryStatementAreKept() {
        Classification batch = whole("INSERT INTO t VALUES (1)", "SELECT @x := 1");
        assertTrue(batch.has(Classification.SESSION_BOUND));
    }

    @Test
    void aBatchOfOneIsThatStatement() {
        Classification single = CLASSIFIER.classify("INSERT INTO t VALUES (1)");
        assertSame(single, BatchClassification.of(List.of(single)));
    }

    @Test
    void sessionCommandsMakeABatchRunStatementByStatement() {
        for (String sql : List.of("SET time_zone = '+00:00'", "USE db", "BEGIN", "START TRANSACTION", "COMMIT",
                "ROLLBACK")) {
            assertTrue(BatchClassification.changesSession(CLASSIFIER.classify(sql)), sql);
        }
        for (String sql : List.of("INSERT INTO t VALUES (1)", "SELECT 1", "CREATE TABLE t (a INT)",
                "CREATE TEMPORARY TABLE t (a INT)", "SAVEPOINT a")) {
            assertFalse(BatchClassification.changesSession(CLASSIFIER.classify(sql)), sql);
        }
    }

    @Test
    void theWholeKeepsTheKindOfItsStrictestStatement() {
        assertEquals(StatementKind.DML, whole("SELECT 1", "INSERT INTO t VALUES (1)").kind());
    }
}
