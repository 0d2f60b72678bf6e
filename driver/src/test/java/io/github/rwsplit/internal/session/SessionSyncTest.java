package io.github.rwsplit.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SessionSyncTest {

    private static final SessionVariable TIME_ZONE = SessionVariable.system("time_zone", "time_zone = '+05:00'");
    private static final SessionVariable SQL_MODE = SessionVariable.system("sql_mode", "sql_mode = 'ANSI'");

    @Test
    void equalSnapshotsNeedNoStatement() {
        SessionSnapshot a = SessionSnapshot.DEFAULT.with(TIME_ZONE);
        SessionSnapshot b = SessionSnapshot.DEFAULT.with(TIME_ZONE);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(List.of(), SessionSync.variableStatements(a, b));
    }

    @Test
    void firstSettingSavesTheOriginalInTheSameStatement() {
        List<String> statements = SessionSync.variableStatements(SessionSnapshot.DEFAULT,
                SessionSnapshot.DEFAULT.with(TIME_ZONE));
        assertEquals(List.of("SET @rwsplit_saved_time_zone = @@session.time_zone, time_zone = '+05:00'"), statements);
    }

    @Test
    void returningToDefaultRestoresAndForgetsTheOriginal() {
        List<String> statements = SessionSync.variableStatements(SessionSnapshot.DEFAULT.with(TIME_ZONE),
                SessionSnapshot.DEFAULT);
        assertEquals(List.of("SET @@session.time_zone = @rwsplit_saved_time_zone, @rwsplit_saved_time_zone = NULL"),
                statements);
    }

    @Test
    void addingASettingAppliesOnlyTheNewOne() {
        SessionSnapshot before = SessionSnapshot.DEFAULT.with(TIME_ZONE);
        List<String> statements = SessionSync.variableStatements(before, before.with(SQL_MODE));
        assertEquals(List.of("SET @rwsplit_saved_sql_mode = @@session.sql_mode, sql_mode = 'ANSI'"), statements);
    }

    @Test
    void anUnrelatedSnapshotStartsAgainFromTheOriginals() {
        SessionSnapshot other = SessionSnapshot.DEFAULT.with(SQL_MODE);
        List<String> statements = SessionSync.variableStatements(other, SessionSnapshot.DEFAULT.with(TIME_ZONE));
        assertEquals(List.of("SET @@session.sql_mode = @rwsplit_saved_sql_mode, @rwsplit_saved_sql_mode = NULL, "
                + "@rwsplit_saved_time_zone = @@session.time_zone, time_zone = '+05:00'"), statements);
    }

    @Test
    void characterSetsRunAsTheirOwnStatementAfterSavingAllFourVariables() {
        SessionSnapshot target = SessionSnapshot.DEFAULT.with(SessionVariable.characterSet("NAMES utf8mb4"));
        List<String> statements = SessionSync.variableStatements(SessionSnapshot.DEFAULT, target);
        assertEquals(2, statements.size());
        assertTrue(statements.get(0).contains("@rwsplit_saved_character_set_client = @@session.character_set_client"));
        assertTrue(statements.get(0).contains("@rwsplit_saved_collation_connection = @@session.collation_connection"));
        assertEquals("SET NAMES utf8mb4", statements.get(1));
    }

    @Test
    void aLaterSettingOfTheSameVariableReplacesTheEarlierOne() {
        SessionSnapshot snapshot = SessionSnapshot.DEFAULT.with(TIME_ZONE)
                .with(SessionVariable.system("time_zone", "time_zone = 'UTC'"));
        assertEquals(1, snapshot.variables().size());
        assertEquals("time_zone = 'UTC'", snapshot.variables().get(0).assignment());
    }

    @Test
    void catalogAndIsolationTakePartInEquality() {
        assertNotEquals(SessionSnapshot.DEFAULT, SessionSnapshot.DEFAULT.withCatalog("other"));
        assertNotEquals(SessionSnapshot.DEFAULT, SessionSnapshot.DEFAULT.withIsolation(2));
        assertEquals(SessionSnapshot.DEFAULT, SessionSnapshot.DEFAULT.with(TIME_ZONE).without("time_zone"));
    }
}
