package io.github.rwsplit.internal.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The placement rules of docs/routing.md, row by row, against in-memory nodes: which node each statement runs on. The
 * integration tests check the same rules against real servers.
 */
class RoutingTableTest extends StubRoutingTest {
    RoutingTableTest() {
        super("jdbc:rwsplit:mysql://p,r1,r2/app");
    }

    private static boolean isReplica(String host) {
        return host.startsWith("r");
    }

    // ---- rule 5: writes, and what is not understood, go to the primary ----

    static Stream<String> writes() {
        return Stream.of("INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t", "REPLACE INTO t VALUES (1)",
                "CREATE TABLE t2 (a INT)", "ALTER TABLE t ADD b INT", "DROP TABLE t2", "TRUNCATE TABLE t",
                "CALL p()", "DO 1", "GRANT SELECT ON app.* TO u", "LOAD DATA INFILE 'x' INTO TABLE t",
                "SELECT 1; DELETE FROM t", "this is not sql at all", "/*rwsplit:replica*/ INSERT INTO t VALUES (1)",
                "/*rwsplit:replica*/ DELETE FROM t", "/*rwsplit:maxLag=1s*/ UPDATE t SET a = 2",
                "INSERT INTO t SELECT * FROM u", "WITH x AS (SELECT 1) DELETE FROM t", "RENAME TABLE t TO t3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writesRunOnThePrimary(String sql) throws SQLException {
        assertEquals("p", routed.run(sql));
    }

    // ---- rule 6: reads that need the primary's session ----

    static Stream<String> primaryReads() {
        return Stream.of("SELECT * FROM t FOR UPDATE", "SELECT * FROM t LOCK IN SHARE MODE",
                "SELECT * FROM t FOR SHARE", "SELECT LAST_INSERT_ID()", "SELECT FOUND_ROWS()", "SELECT ROW_COUNT()",
                "SELECT GET_LOCK('a', 1)", "SELECT RELEASE_LOCK('a')", "SELECT IS_FREE_LOCK('a')",
                "SELECT CONNECTION_ID()", "SELECT @x", "SELECT a INTO @v FROM t", "SHOW TABLES",
                "SHOW VARIABLES LIKE 'x'", "DESCRIBE t", "EXPLAIN SELECT * FROM t", "/*rwsplit:primary*/ SELECT 1",
                "SELECT 1 /*rwsplit:primary*/", "SELECT LASTVAL(s)", "/*rwsplit:replica*/ SELECT LAST_INSERT_ID()",
                "/*rwsplit:replica*/ SELECT GET_LOCK('a', 1)", "/*rwsplit:replica*/ SELECT @x := 1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primaryReads")
    void readsThatNeedThePrimarysSessionRunThere(String sql) throws SQLException {
        assertEquals("p", routed.run(sql));
    }

    // ---- rule 7: other reads go to a replica ----

    static Stream<String> replicaReads() {
        return Stream.of("SELECT 1", "SELECT * FROM t", "select a from t where b = 2", "SELECT @@server_id",
                "WITH x AS (SELECT 1) SELECT * FROM x", "SELECT 1 UNION SELECT 2", "(SELECT 1)", "TABLE t",
                "VALUES (1), (2)", "/* a comment */ SELECT 1", "SELECT 'INSERT INTO t' FROM dual",
                "SELECT `update` FROM t", "SELECT COUNT(*) FROM t JOIN u ON t.a = u.a",
                "/*rwsplit:maxLag=10s*/ SELECT 1", "/*rwsplit:replica*/ SELECT * FROM t FOR UPDATE",
                "/*rwsplit:replica*/ SELECT @x", "/*rwsplit:replica*/ SHOW TABLES");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replicaReads")
    void plainReadsRunOnAReplica(String sql) throws SQLException {
        assertTrue(isReplica(routed.run(sql)), sql);
    }

    @Test
    void readsSpreadOverTheReplicasStatementByStatement() throws SQLException {
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            served.add(routed.run("SELECT 1"));
        }
        assertEquals(2, served.stream().distinct().count(), served.toString());
        assertTrue(served.stream().allMatch(RoutingTableTest::isReplica), served.toString());
    }

    @Test
    void aReadNamingThisConnectionsTemporaryTableRunsOnThePrimarySessionThatHoldsIt() throws SQLException {
        assertEquals("p", routed.run("CREATE TEMPORARY TABLE tmp (a INT)"));
        assertEquals("p", routed.run("SELECT * FROM tmp"));
        assertTrue(isReplica(routed.run("SELECT * FROM other")));
        assertEquals(1, stubs.primary().sessions().size(), "one primary session holds the temporary table");
    }

    @Test
    void aDroppedTemporaryTableNoLongerKeepsReadsOnThePrimary() throws SQLException {
        routed.run("CREATE TEMPORARY TABLE tmp (a INT)");
        routed.run("DROP TEMPORARY TABLE tmp");
        assertTrue(isReplica(routed.run("SELECT * FROM tmp")));
    }

    @Test
    void aUserVariablePinsThePrimarySessionForLaterStatements() throws SQLException {
        assertEquals("p", routed.run("SET @x = 1"));
        assertEquals("p", routed.run("SELECT @x"));
        routed.run("INSERT INTO t VALUES (1)");
        assertEquals(1, stubs.primary().sessions().size(), "the same primary session serves every statement");
    }

    // ---- rule 4: LOCK TABLES ----

    @Test
    void lockTablesKeepsEveryStatementOnTheLockingSessionUntilUnlock() throws SQLException {
        assertEquals("p", routed.run("LOCK TABLES t READ"));
        assertEquals("p", routed.run("SELECT * FROM t"));
        assertEquals("p", routed.run("UNLOCK TABLES"));
        assertTrue(isReplica(routed.run("SELECT * FROM t")));
    }

    // ---- rules 2 and 3: transactions ----

    @Test
    void aTransactionRunsWhollyOnOnePrimaryConnection() throws SQLException {
        routed.session().autoCommit(false);
        assertEquals("p", routed.run("SELECT 1"));
        assertEquals("p", routed.run("INSERT INTO t VALUES (1)"));
        assertEquals("p", routed.run("SELECT 2"));
        routed.session().commit();
        assertEquals(1, stubs.primary().borrowed(), "one borrow for the whole transaction");
        assertEquals(List.of("SELECT 1", "INSERT INTO t VALUES (1)", "SELECT 2", "COMMIT"),
                stubs.primary().executed());
    }

    @Test
    void beginPinsThePrimaryUntilCommit() throws SQLException {
        assertEquals("p", routed.run("BEGIN"));
        assertEquals("p", routed.run("SELECT 1"));
        assertEquals("p", routed.run("COMMIT"));
        assertTrue(isReplica(routed.run("SELECT 1")));
    }

    @Test
    void startTransactionReadOnlyPinsOneReplica() throws SQLException {
        String pinned = routed.run("START TRANSACTION READ ONLY");
        assertTrue(isReplica(pinned));
        for (int i = 0; i < 4; i++) {
            assertEquals(pinned, routed.run("SELECT 1"));
        }
        assertEquals(pinned, routed.run("COMMIT"));
    }

    @Test
    void readOnlyWithAutocommitOffPinsOneReplicaForTheTransaction() throws SQLException {
        routed.session().readOnly(true);
        routed.session().autoCommit(false);
        String pinned = routed.run("SELECT 1");
        assertTrue(isReplica(pinned));
        assertEquals(pinned, routed.run("SELECT 2"));
        assertEquals(pinned, routed.run("SELECT 3"));
    }

    @Test
    void aWriteInAReplicaTransactionIsRefusedWith25006() throws SQLException {
        routed.run("START TRANSACTION READ ONLY");
        SQLException refused = assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertEquals("25006", refused.getSQLState());
        assertTrue(stubs.primary().executed().isEmpty());
    }

    @Test
    void aReplicaHintNeverMovesAStatementOfAReadWriteTransaction() throws SQLException {
        routed.session().autoCommit(false);
        routed.run("INSERT INTO t VALUES (1)");
        assertEquals("p", routed.run("/*rwsplit:replica*/ SELECT 1"));
    }

    @Test
    void setReadOnlyDuringATransactionIsRefusedWith25001() throws SQLException {
        routed.session().autoCommit(false);
        routed.run("SELECT 1");
        assertEquals("25001", assertThrows(SQLException.class, () -> routed.session().readOnly(true)).getSQLState());
    }

    // ---- rule 1: read-only connections ----

    static Stream<String> refusedOnReadOnly() {
        return Stream.of("INSERT INTO t VALUES (1)", "UPDATE t SET a = 1", "DELETE FROM t", "CREATE TABLE x (a INT)",
                "DROP TABLE t", "this is not sql at all", "CALL p()", "SELECT NEXTVAL(s)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedOnReadOnly")
    void aWriteOnAReadOnlyConnectionIsRefusedWith25006BeforeAnythingIsSent(String sql) throws SQLException {
        routed.session().readOnly(true);
        SQLException refused = assertThrows(SQLException.class, () -> routed.run(sql));
        assertEquals("25006", refused.getSQLState());
        assertEquals(List.of(), stubs.executed());
    }

    @Test
    void readsOfAReadOnlyConnectionGoToReplicas() throws SQLException {
        routed.session().readOnly(true);
        assertTrue(isReplica(routed.run("SELECT 1")));
    }

    @Test
    void aBatchWithAWriteAnywhereIsRefusedOnAReadOnlyConnection() throws SQLException {
        routed.session().readOnly(true);
        List<io.github.rwsplit.internal.sql.Classification> batch = List.of(routed.router().classify("SELECT 1"),
                routed.router().classify("SET time_zone = '+00:00'"), routed.router().classify("INSERT INTO t VALUES (1)"));
        assertEquals("25006", assertThrows(SQLException.class, () -> routed.session().checkWritable(batch))
                .getSQLState());
        assertEquals(List.of(), stubs.executed());
    }

    // ---- sequences never leave the primary ----

    static Stream<String> sequenceWrites() {
        return Stream.of("SELECT NEXTVAL(s)", "/*rwsplit:replica*/ SELECT NEXTVAL(s)", "SELECT NEXT VALUE FOR s",
                "/*rwsplit:replica*/ SELECT NEXT VALUE FOR s", "SELECT SETVAL(s, 10)",
                "/*rwsplit:replica*/ SELECT SETVAL(s, 10)", "/*rwsplit:replica*/ SELECT s.nextval");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequenceWrites")
    void sequenceWritesRunOnThePrimaryWhateverTheHint(String sql) throws SQLException {
        assertEquals("p", routed.run(sql));
    }

    // ---- replica choice: health, lag, hints, readFromPrimary ----

    @Test
    void aSuspectReplicaGetsNoReads() throws SQLException {
        stubs.node("r1").suspect();
        for (int i = 0; i < 4; i++) {
            assertEquals("r2", routed.run("SELECT 1"));
        }
    }

    @Test
    void aLaggingReplicaGetsNoReads() throws SQLException {
        stubs.node("r2").lagging(60_000);
        for (int i = 0; i < 4; i++) {
            assertEquals("r1", routed.run("SELECT 1"));
        }
    }

    @Test
    void aMaxLagHintTightensTheBoundForOneStatement() throws SQLException {
        stubs.node("r1").up(2_000);
        stubs.node("r2").up(100);
        for (int i = 0; i < 4; i++) {
            assertEquals("r2", routed.run("/*rwsplit:maxLag=500ms*/ SELECT 1"));
        }
    }

    @Test
    void aMaxLagHintNoReplicaMeetsFallsBackToThePrimary() throws SQLException {
        stubs.node("r1").up(2_000);
        stubs.node("r2").up(3_000);
        assertEquals("p", routed.run("/*rwsplit:maxLag=500ms*/ SELECT 1"));
    }

    @Test
    void withEveryReplicaOutReadsFallBackToThePrimary() throws SQLException {
        stubs.node("r1").down();
        stubs.node("r2").suspect();
        assertEquals("p", routed.run("SELECT 1"));
    }

    @Test
    void withReadFromPrimaryNeverAndNoReplicaReadsFailWith08001NamingEachReplica() {
        reconnect("jdbc:rwsplit:mysql://p,r1,r2/app?readFromPrimary=never");
        stubs.node("r1").down();
        stubs.node("r2").lagging(60_000);
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("SELECT 1"));
        assertEquals("08001", failure.getSQLState());
        assertTrue(failure.getMessage().contains("r1") && failure.getMessage().contains("r2"), failure.getMessage());
        assertEquals(List.of(), stubs.executed());
    }

    @Test
    void withReadFromPrimaryAlwaysThePrimaryTakesAShareOfReads() throws SQLException {
        reconnect("jdbc:rwsplit:mysql://p,r1,r2/app?readFromPrimary=always");
        List<String> served = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            served.add(routed.run("SELECT 1"));
        }
        assertTrue(served.contains("p") && served.contains("r1") && served.contains("r2"), served.toString());
    }

    @Test
    void aClusterWithoutReplicasServesEverythingFromThePrimary() throws SQLException {
        reconnect("jdbc:rwsplit:mysql://p/app");
        assertEquals("p", routed.run("SELECT 1"));
        assertEquals("p", routed.run("INSERT INTO t VALUES (1)"));
    }

    @Test
    void aSuspectPrimaryStillTakesWrites() throws SQLException {
        stubs.primary().suspect();
        assertEquals("p", routed.run("INSERT INTO t VALUES (1)"));
    }

    @Test
    void aDownPrimaryFailsWritesAtOnceWith08001NamingIt() {
        stubs.primary().down();
        SQLException failure = assertThrows(SQLException.class, () -> routed.run("INSERT INTO t VALUES (1)"));
        assertEquals("08001", failure.getSQLState());
        assertTrue(failure.getMessage().contains("p"), failure.getMessage());
        assertEquals(0, stubs.primary().refusedBorrows(), "no borrow was even tried");
    }

    @Test
    void readsGoOnOnReplicasWhileThePrimaryIsDown() throws SQLException {
        stubs.primary().down();
        assertTrue(isReplica(routed.run("SELECT 1")));
    }

    // ---- session state ----

    @Test
    void aSessionSettingIsAnsweredLocallyAndReachesEveryNodeBeforeItsNextStatement() throws SQLException {
        assertEquals("local", routed.run("SET time_zone = '+03:00'"));
        routed.run("SELECT 1");
        routed.run("SELECT 1");
        routed.run("INSERT INTO t VALUES (1)");
        for (String node : List.of("p", "r1", "r2")) {
            assertTrue(stubs.node(node).executed().stream().anyMatch(sql -> sql.contains("time_zone")),
                    node + " got " + stubs.node(node).executed());
        }
    }

    @Test
    void useChangesTheCatalogOfEveryLaterStatement() throws SQLException {
        assertEquals("local", routed.run("USE other"));
        assertEquals("other", routed.session().catalog());
        routed.run("SELECT 1");
        assertTrue(stubs.replicas().stream().flatMap(replica -> replica.sessions().stream())
                .anyMatch(session -> "other".equals(session.catalog())));
    }
}
