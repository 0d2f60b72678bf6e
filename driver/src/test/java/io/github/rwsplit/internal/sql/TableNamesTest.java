package io.github.rwsplit.internal.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableNamesTest {
    private final SqlClassifier classifier = new SqlClassifier(0);

    private List<String> created(String sql) {
        return classifier.classify(sql).createdTemporaryTables();
    }

    private List<String> dropped(String sql) {
        return classifier.classify(sql).droppedTables();
    }

    @Test
    void temporaryTableNamesAreUnqualifiedUnquotedAndLowerCase() {
        assertEquals(List.of("tmp"), created("CREATE TEMPORARY TABLE tmp (a INT)"));
        assertEquals(List.of("orders_tmp"), created("CREATE TEMPORARY TABLE IF NOT EXISTS App.Orders_Tmp (a INT)"));
        assertEquals(List.of("my tmp"), created("CREATE TEMPORARY TABLE `app`.`My Tmp` (a INT)"));
        assertEquals(List.of("we`ird"), created("CREATE TEMPORARY TABLE `we``ird` (a INT)"));
        assertEquals(List.of("ansi"), created("CREATE TEMPORARY TABLE \"ANSI\" (a INT)"));
        assertEquals(List.of("tmp"), created("create /* c */ temporary table /*!32312 if not exists*/ tmp(a int)"));
        assertEquals(List.of("tmp"), created("CREATE OR REPLACE TEMPORARY TABLE tmp AS SELECT 1"));
    }

    @Test
    void permanentTablesAreNotTemporaryTables() {
        assertEquals(List.of(), created("CREATE TABLE t (a INT)"));
        assertEquals(List.of(), created("CREATE TEMPORARY VIEW v AS SELECT 1"));
    }

    @Test
    void droppedTableNamesListEveryTable() {
        assertEquals(List.of("a", "b", "c d"), dropped("DROP TABLE IF EXISTS a, db.B, `db`.`C D` RESTRICT"));
        assertEquals(List.of("tmp"), dropped("DROP TEMPORARY TABLE tmp"));
        assertEquals(List.of("t1", "t2"), dropped("drop tables t1,t2"));
        assertEquals(List.of(), dropped("DROP VIEW v"));
        assertEquals(List.of(), dropped("DROP DATABASE app"));
    }

    @Test
    void droppingATemporaryTableDoesNotCommit() {
        assertEquals(0, classifier.classify("DROP TEMPORARY TABLE tmp").effects());
        assertEquals(Classification.IMPLICIT_COMMIT, classifier.classify("DROP TABLE tmp").effects());
    }
}
