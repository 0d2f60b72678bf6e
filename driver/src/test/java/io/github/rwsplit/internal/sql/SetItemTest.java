package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class SetItemTest {
    private final SqlClassifier classifier = new SqlClassifier(0);

    private List<SetItem> items(String sql) {
        Classification classification = classifier.classify(sql);
        assertEquals(StatementKind.SET, classification.kind(), sql);
        return classification.setItems();
    }

    private static SetItem item(SetScope scope, String name, String sql) {
        return new SetItem(scope, name, sql);
    }

    @Test
    void itemTextReproducesTheAssignment() {
        assertEquals(List.of(item(SetScope.SESSION, "time_zone", "time_zone='+05:00'")),
                items("SET time_zone='+05:00'"));
        assertEquals(List.of(item(SetScope.SESSION, "sql_mode", "@@SESSION.sql_mode = 'ANSI'")),
                items("SET @@SESSION.sql_mode = 'ANSI'"));
        assertEquals(List.of(item(SetScope.SESSION, "wait_timeout", "LOCAL wait_timeout=10")),
                items("SET LOCAL wait_timeout=10"));
    }

    @Test
    void splitsOnlyAtCommasOutsideParenthesesAndQuotes() {
        assertEquals(List.of(
                        item(SetScope.USER, "a", "@a = (SELECT CONCAT('x,y', \",\", f(1, 2)) FROM t WHERE b IN (1, 2))"),
                        item(SetScope.SESSION, "sql_mode", "sql_mode = 'A,B'"),
                        item(SetScope.USER, "c", "@c := IF(1, 2, 3)")),
                items("SET @a = (SELECT CONCAT('x,y', \",\", f(1, 2)) FROM t WHERE b IN (1, 2)), "
                        + "sql_mode = 'A,B', @c := IF(1, 2, 3)"));
    }

    @Test
    void commentsAreDroppedAndWhitespaceCollapsed() {
        assertEquals(List.of(item(SetScope.SESSION, "time_zone", "time_zone = '+05:00'")),
                items("SET /* first */ time_zone  =\n\t'+05:00' -- trailing"));
    }

    @Test
    void adjacentTokensStayAdjacent() {
        assertEquals(List.of(item(SetScope.USER, "a", "@a = x'0A'"), item(SetScope.USER, "b", "@b = _utf8mb4'x'"),
                        item(SetScope.USER, "c", "@c = N'y'")),
                items("SET @a = x'0A', @b = _utf8mb4'x', @c = N'y'"));
    }

    @Test
    void aScopeKeywordGivenOnceIsRepeatedForTheItemsItGoverns() {
        assertEquals(List.of(item(SetScope.GLOBAL, "a", "GLOBAL a=1"), item(SetScope.GLOBAL, "b", "GLOBAL b=2"),
                        item(SetScope.SESSION, "c", "@@c=3"), item(SetScope.SESSION, "d", "SESSION d=4"),
                        item(SetScope.SESSION, "e", "SESSION e=5")),
                items("SET GLOBAL a=1, b=2, @@c=3, SESSION d=4, e=5"));
        assertEquals(List.of(item(SetScope.GLOBAL, "x", "PERSIST x=1"), item(SetScope.GLOBAL, "y", "PERSIST y=2")),
                items("SET PERSIST x=1, y=2"));
    }

    @Test
    void systemVariableScopesAndNames() {
        assertEquals(List.of(item(SetScope.GLOBAL, "max_connections", "@@global.max_connections=10"),
                        item(SetScope.GLOBAL, "x", "@@PERSIST_ONLY.x=1"), item(SetScope.SESSION, "y", "@@local.y=2"),
                        item(SetScope.SESSION, "z", "@@`z`=3")),
                items("SET @@global.max_connections=10, @@PERSIST_ONLY.x=1, @@local.y=2, @@`z`=3"));
    }

    @Test
    void namesAndCharacterSetKeepTheirWholeText() {
        assertEquals(List.of(item(SetScope.NAMES, "", "NAMES utf8mb4 COLLATE utf8mb4_bin"),
                        item(SetScope.SESSION, "time_zone", "time_zone = '+00:00'")),
                items("SET NAMES utf8mb4 COLLATE utf8mb4_bin, time_zone = '+00:00'"));
        assertEquals(List.of(item(SetScope.CHARACTER_SET, "", "CHARACTER SET utf8mb4")),
                items("SET CHARACTER SET utf8mb4"));
        assertEquals(List.of(item(SetScope.CHARACTER_SET, "", "CHARSET latin1")), items("set CHARSET latin1"));
    }

    @Test
    void transactionCharacteristicsAreOneItemDespiteCommas() {
        assertEquals(List.of(item(SetScope.TRANSACTION, "", "TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY")),
                items("SET TRANSACTION ISOLATION LEVEL READ COMMITTED, READ ONLY"));
        assertEquals(List.of(item(SetScope.SESSION_TRANSACTION, "",
                        "SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED")),
                items("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"));
        assertEquals(List.of(item(SetScope.GLOBAL, "", "GLOBAL TRANSACTION READ WRITE")),
                items("SET GLOBAL TRANSACTION READ WRITE"));
    }

    @Test
    void autocommitKeepsItsValueText() {
        assertEquals(List.of(item(SetScope.AUTOCOMMIT, "autocommit", "autocommit=0")), items("SET autocommit=0"));
        assertEquals(List.of(item(SetScope.AUTOCOMMIT, "autocommit", "@@autocommit = OFF")),
                items("SET @@autocommit = OFF"));
        assertEquals(List.of(item(SetScope.AUTOCOMMIT, "autocommit", "SESSION AUTOCOMMIT = 1")),
                items("SET SESSION AUTOCOMMIT = 1"));
        assertEquals(List.of(item(SetScope.GLOBAL, "autocommit", "@@global.autocommit=0")),
                items("SET @@global.autocommit=0"));
    }

    @Test
    void userVariableNamesLoseQuotesAndCase() {
        assertEquals(List.of(item(SetScope.USER, "my var", "@'my var' = 1"), item(SetScope.USER, "dq", "@\"DQ\" = 2"),
                        item(SetScope.USER, "b`t", "@`b``t` = 3"), item(SetScope.USER, "x.y", "@X.y := 4")),
                items("SET @'my var' = 1, @\"DQ\" = 2, @`b``t` = 3, @X.y := 4"));
    }

    @Test
    void accountAndRoleStatementsAreOneOtherItem() {
        assertEquals(List.of(item(SetScope.OTHER, "", "ROLE 'r1', 'r2'")), items("SET ROLE 'r1', 'r2'"));
        assertEquals(List.of(item(SetScope.OTHER, "", "DEFAULT ROLE r1, r2 TO u1, u2")),
                items("SET DEFAULT ROLE r1, r2 TO u1, u2"));
        assertEquals(List.of(item(SetScope.OTHER, "", "PASSWORD FOR 'bob'@'localhost' = 'x'")),
                items("SET PASSWORD FOR 'bob'@'localhost' = 'x'"));
        assertEquals(List.of(item(SetScope.OTHER, "", "RESOURCE GROUP rg FOR 1, 2")),
                items("SET RESOURCE GROUP rg FOR 1, 2"));
    }

    @Test
    void executableCommentsAreRead() {
        assertEquals(List.of(item(SetScope.NAMES, "", "NAMES utf8mb4")), items("/*!40101 SET NAMES utf8mb4 */"));
        assertEquals(List.of(item(SetScope.USER, "old_sql_mode", "@OLD_SQL_MODE=@@SQL_MODE")),
                items("/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE */"));
    }

    @Test
    void onlyUserVariablesMakeASetSessionBound() {
        assertTrue(classifier.classify("SET @a = 1").has(Classification.SESSION_BOUND));
        assertTrue(classifier.classify("SET time_zone = @tz").has(Classification.SESSION_BOUND));
        assertTrue(classifier.classify("SET ROLE r").has(Classification.SESSION_BOUND));
        assertEquals(0, classifier.classify("SET time_zone = 'UTC', NAMES utf8mb4").effects());
        assertEquals(Classification.IMPLICIT_COMMIT,
                classifier.classify("SET PASSWORD FOR 'u'@'h' = 'x'").effects());
    }

    /** Replaying each item of every SET in the corpus as its own statement gives back that one item. */
    @Test
    void everyCorpusSetItemReplaysAsTheSameItem() throws IOException {
        int checked = 0;
        for (ClassifierCorpusTest.Case c : ClassifierCorpusTest.cases()) {
            Classification classification = classifier.classify(c.sql());
            if (classification.kind() != StatementKind.SET) {
                continue;
            }
            for (SetItem item : classification.setItems()) {
                Classification replay = classifier.classify("SET " + item.sql());
                assertEquals(List.of(item), replay.setItems(), "line " + c.line() + ": replay of " + item);
                checked++;
            }
        }
        assertTrue(checked > 50, "only " + checked + " items checked");
    }
}
