package io.github.rwsplit.internal.sql;

import static io.github.rwsplit.fuzz.FuzzText.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SqlRedactionTest {
    private static final long SEED = 20_261_124L;

    @Test
    void textWithoutCredentialWordsIsReturnedAsTheSameInstance() {
        for (String sql : new String[] {"SELECT * FROM users WHERE id = ?", "", "UPDATE t SET pass = 'x'",
                "SELECT 'passwor', 'identifie' FROM t", "INSERT INTO log VALUES ('IDENTIFI' 'ED')"}) {
            assertSame(sql, SqlRedaction.redact(sql), sql);
        }
    }

    @Test
    void textWithoutCredentialWordsCostsNoAllocation() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM does not count allocated bytes");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String sql = "SELECT id, name FROM users WHERE email = 'a@b.c' AND identity_id = ? AND pass_hint IS NULL";
        for (int i = 0; i < 20_000; i++) {
            SqlRedaction.redact(sql);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            SqlRedaction.redact(sql);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 100_000, allocated + " bytes allocated by 100000 calls");
    }

    @Test
    void nullIsReturnedAsNull() {
        assertNull(SqlRedaction.redact(null));
    }

    @Test
    void accountStatementsLoseTheirPasswords() {
        assertRedacted("CREATE USER 'app'@'%' IDENTIFIED BY 'hunter2'",
                "CREATE USER 'app'@'%' IDENTIFIED BY '***'");
        assertRedacted("ALTER USER app IDENTIFIED BY 'hunter2'", "ALTER USER app IDENTIFIED BY '***'");
        assertRedacted("create user app identified by \"hunter2\"", "create user app identified by \"***\"");
        assertRedacted("GRANT ALL ON db.* TO 'app'@'%' IDENTIFIED BY 'hunter2' WITH GRANT OPTION",
                "GRANT ALL ON db.* TO 'app'@'%' IDENTIFIED BY '***' WITH GRANT OPTION");
        assertRedacted("CREATE USER app IDENTIFIED WITH caching_sha2_password BY 'hunter2'",
                "CREATE USER app IDENTIFIED WITH caching_sha2_password BY '***'");
        assertRedacted("CREATE USER app IDENTIFIED WITH mysql_native_password AS '*2470C0C06DEE42FD1618BB99005'",
                "CREATE USER app IDENTIFIED WITH mysql_native_password AS '***'");
        assertRedacted("CREATE USER app IDENTIFIED VIA mysql_native_password USING PASSWORD('hunter2')",
                "CREATE USER app IDENTIFIED VIA mysql_native_password USING PASSWORD('***')");
        assertRedacted("CREATE USER app IDENTIFIED VIA ed25519 USING 'ZIgUREUg5PVgQ6LskhXmO+eZLS0nC8be6HPjYWR4YJY'",
                "CREATE USER app IDENTIFIED VIA ed25519 USING '***'");
        assertRedacted("ALTER USER app IDENTIFIED BY 'new-one' REPLACE 'old-one'",
                "ALTER USER app IDENTIFIED BY '***' REPLACE '***'");
    }

    @Test
    void passwordFunctionsAndSetPasswordLoseTheirArguments() {
        assertRedacted("SELECT PASSWORD('hunter2')", "SELECT PASSWORD('***')");
        assertRedacted("SELECT OLD_PASSWORD('hunter2')", "SELECT OLD_PASSWORD('***')");
        assertRedacted("SET PASSWORD = 'hunter2'", "SET PASSWORD = '***'");
        assertRedacted("SET PASSWORD FOR app = PASSWORD('hunter2')", "SET PASSWORD FOR app = PASSWORD('***')");
        assertHidden("SET PASSWORD FOR 'app'@'%' = 'hunter2'", "hunter2");
        assertRedacted("SELECT PASSWORD(0x68756e74657232)", "SELECT PASSWORD(***)");
    }

    @Test
    void replicationPasswordsAreHidden() {
        assertRedacted("CHANGE MASTER TO MASTER_HOST='db1', MASTER_USER='repl', MASTER_PASSWORD='hunter2'",
                "CHANGE MASTER TO MASTER_HOST='db1', MASTER_USER='repl', MASTER_PASSWORD='***'");
        assertRedacted("CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = 'hunter2', SOURCE_PORT = 3306",
                "CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = '***', SOURCE_PORT = ***");
        assertRedacted("START REPLICA USER='repl' PASSWORD='hunter2'", "START REPLICA USER='repl' PASSWORD='***'");
    }

    @Test
    void passwordAssignmentsInsideLiteralsAndOptionsAreHidden() {
        assertRedacted("INSERT INTO targets VALUES ('jdbc:mysql://db1/app?user=app&password=hunter2&ssl=true')",
                "INSERT INTO targets VALUES ('jdbc:mysql://db1/app?user=app&password=***')");
        assertRedacted("INSERT INTO cfg VALUES ('user=app;Password = hunter2')",
                "INSERT INTO cfg VALUES ('user=app;Password = ***')");
        assertRedacted("ALTER SERVER s OPTIONS (USER 'app', PASSWORD 'hunter2')",
                "ALTER SERVER s OPTIONS (USER 'app', PASSWORD '***')");
        assertRedacted("CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (PASSWORD 'hunter2', HOST 'db1')",
                "CREATE SERVER s FOREIGN DATA WRAPPER mysql OPTIONS (PASSWORD '***', HOST '***')");
        assertRedacted("password=hunter2", "password=***");
        assertRedacted("SELECT 1 -- password: hunter2", "SELECT 1 -- password: ***");
        assertRedacted("SELECT 1 /* password=hunter2 */", "SELECT 1 /* password=*** */");
    }

    @Test
    void keyValueRowsNamingAPasswordHideTheValue() {
        assertRedacted("INSERT INTO settings (k, v) VALUES ('smtp.password', 'hunter2')",
                "INSERT INTO settings (k, v) VALUES ('smtp.password', '***')");
        assertRedacted("UPDATE users SET `password_hash` = 'abc123' WHERE id = 1",
                "UPDATE users SET `password_hash` = '***' WHERE id = ***");
    }

    @Test
    void escapedQuotesInsideTheSecretAreHiddenToo() {
        assertRedacted("CREATE USER app IDENTIFIED BY 'it''s a secret'", "CREATE USER app IDENTIFIED BY '***'");
        assertHidden("CREATE USER app IDENTIFIED BY 'it\\'s a secret' ACCOUNT LOCK", "s a secret");
        assertHidden("CREATE USER app IDENTIFIED BY 'ends in a backslash\\\\' ACCOUNT LOCK", "ends in");
        assertHidden("CREATE USER app IDENTIFIED BY \"say \"\"hi\"\" \\\" now\"", "hi", "now");
    }

    @Test
    void unterminatedQuotesHideTheRestOfTheText() {
        assertRedacted("CREATE USER app IDENTIFIED BY 'hunter2", "CREATE USER app IDENTIFIED BY '***");
        assertRedacted("CREATE USER app IDENTIFIED BY \"hunter2", "CREATE USER app IDENTIFIED BY \"***");
        assertRedacted("CREATE USER app IDENTIFIED BY 'hunter2\\'", "CREATE USER app IDENTIFIED BY '***");
        assertRedacted("SELECT 1 /* password hunter2", "SELECT 1 /* password ***");
        assertRedacted("SELECT `password", "SELECT `password");
        assertRedacted("IDENTIFIED BY '", "IDENTIFIED BY '");
    }

    @Test
    void anyCaseIsRecognised() {
        assertRedacted("CrEaTe UsEr app IdEnTiFiEd By 'hunter2'", "CrEaTe UsEr app IdEnTiFiEd By '***'");
        assertRedacted("select PassWord('hunter2')", "select PassWord('***')");
        assertRedacted("change master to master_password='hunter2'", "change master to master_password='***'");
    }

    @Test
    void commentsBetweenTokensDoNotHideTheSecretFromRedaction() {
        assertRedacted("CREATE USER app IDENTIFIED /* c */ BY /* d */ 'hunter2'",
                "CREATE USER app IDENTIFIED /* c */ BY /* d */ '***'");
        assertRedacted("SET PASSWORD -- c\n = 'hunter2'", "SET PASSWORD -- c\n = '***'");
        assertRedacted("CREATE USER app IDENTIFIED BY # c\nhunter2", "CREATE USER app IDENTIFIED BY # c\n***");
    }

    @Test
    void everySecretOfAStatementIsHidden() {
        assertRedacted("CREATE USER a IDENTIFIED BY 'one', b IDENTIFIED BY 'two'",
                "CREATE USER a IDENTIFIED BY '***', b IDENTIFIED BY '***'");
        assertRedacted("CREATE USER a IDENTIFIED VIA ed25519 USING PASSWORD('one') OR unix_socket",
                "CREATE USER a IDENTIFIED VIA ed25519 USING PASSWORD('***') OR unix_socket");
        assertRedacted("SET PASSWORD = 'one'; SELECT 'visible'; ALTER USER b IDENTIFIED BY 'two'",
                "SET PASSWORD = '***'; SELECT 'visible'; ALTER USER b IDENTIFIED BY '***'");
    }

    @Test
    void unquotedValuesAreHiddenButFunctionsAndPlaceholdersStay() {
        assertRedacted("CREATE USER app IDENTIFIED BY hunter2", "CREATE USER app IDENTIFIED BY ***");
        assertRedacted("CREATE USER app IDENTIFIED BY ?", "CREATE USER app IDENTIFIED BY ?");
        assertRedacted("SET PASSWORD = PASSWORD (?)", "SET PASSWORD = PASSWORD (?)");
        assertRedacted("SET PASSWORD=hunter2,x=1", "SET PASSWORD=***,x=***");
        assertRedacted("SELECT PASSWORD('a') INTO @p; SET PASSWORD = 'b', @x := @p",
                "SELECT PASSWORD('***') INTO @p; SET PASSWORD = '***', @x := ***");
    }

    @Test
    void versionCommentsAreReadBothAsCodeAndAsComments() {
        assertRedacted("CREATE USER app /*!80000 IDENTIFIED BY 'hunter2' */",
                "CREATE USER app /*!80000 IDENTIFIED *** */");
        assertHidden("/*!99999 ' */ CREATE USER app IDENTIFIED BY 'hunter2' /*!99999 ' */", "hunter2");
        assertHidden("/*M!100100 ' */ SET PASSWORD = 'hunter2'", "hunter2");
    }

    @Test
    void bothBackslashReadingsAreMasked() {
        // With backslash escapes the first literal runs to the end; without them, hunter2 is a literal of its own.
        assertHidden("SELECT 'a\\', 'b' FROM t WHERE x IDENTIFIED BY 'hunter2'", "hunter2");
        assertHidden("SELECT 'a\\' IDENTIFIED BY 'hunter2' , 'b'", "hunter2");
    }

    @Test
    void redactNeverThrowsOnRandomText() {
        Random random = new Random(SEED);
        String[] pieces = {"'", "\"", "`", "\\", "/*", "*/", "/*!", "/*M!5", "-- ", "#", "\n", ";", "(", ")", "=",
                ":", "?", "0x1f", "0b1", "PASSWORD", "password", "IDENTIFIED", "identified", "BY", "AS", "USING",
                "REPLACE", "SET", "x", " ", ",", "\ud800", "\u00e9", "\0"};
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(20);
            for (int k = 0; k < count; k++) {
                if (random.nextInt(4) == 0) {
                    text.append((char) random.nextInt(0x10000));
                } else {
                    text.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            String sql = text.toString();
            String redacted;
            try {
                redacted = SqlRedaction.redact(sql);
            } catch (Throwable e) {
                throw new AssertionError("redact threw on: " + shown(sql), e);
            }
            assertTrue(redacted != null && !redacted.equals(SqlRedaction.NOT_SHOWN), () -> shown(sql));
        }
    }

    @Test
    void generatedPasswordsNeverSurvive() {
        Random random = new Random(SEED);
        String[] prefixes = {"CREATE USER 'u'@'%' IDENTIFIED BY ", "ALTER USER u IDENTIFIED WITH plugin BY ",
                "GRANT ALL ON *.* TO u IDENTIFIED BY ", "SET PASSWORD FOR u = ", "SET PASSWORD = PASSWORD(",
                "CHANGE MASTER TO MASTER_PASSWORD=", "CHANGE REPLICATION SOURCE TO SOURCE_PASSWORD = ",
                "CREATE USER u IDENTIFIED VIA ed25519 USING PASSWORD(", "ALTER SERVER s OPTIONS (PASSWORD ",
                "SELECT 1; /* c */ create user u identified /* c */ by ",
                "/*rwsplit:primary*/ CREATE USER u IDENTIFIED AS "};
        String[] suffixes = {"", ")", " ACCOUNT LOCK", "; SELECT 1", " -- c", " /* c */", ", MASTER_PORT=3306"};
        String alphabet = "abcXYZ0189 '\"`\\;/*-#\n\t=:()?,\u00e9\u4e2d";
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            StringBuilder secret = new StringBuilder();
            int length = 8 + random.nextInt(16);
            for (int k = 0; k < length; k++) {
                secret.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            char quote = random.nextInt(4) == 0 ? '"' : '\'';
            String literal = quote + escaped(secret.toString(), quote, random) + quote;
            String sql = prefixes[random.nextInt(prefixes.length)] + literal
                    + suffixes[random.nextInt(suffixes.length)];
            String redacted = SqlRedaction.redact(sql);
            String body = literal.substring(1, literal.length() - 1);
            if (redacted.contains(secret) || redacted.contains(body) || showsAPieceOf(body, redacted)) {
                failures.add(shown(sql) + "\n    -> " + shown(redacted));
            }
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " secrets survived, first ones:\n"
                    + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        }
    }

    @Test
    void aFailureShowsNothingOfTheStatement() {
        assertFalse(SqlRedaction.NOT_SHOWN.contains("'"));
    }

    /** {@code secret} as the body of a literal quoted with {@code quote}, its quotes and backslashes escaped. */
    private static String escaped(String secret, char quote, Random random) {
        StringBuilder body = new StringBuilder();
        for (char c : secret.toCharArray()) {
            if (c == '\\') {
                body.append("\\\\");
            } else if (c == quote) {
                body.append(random.nextBoolean() ? "\\" + quote : "" + quote + quote);
            } else {
                body.append(c);
            }
        }
        return body.toString();
    }

    /**
     * True when four letters or digits in a row of {@code body} show in {@code text}; the text's fixed parts have no
     * such run of the generated alphabet, so that is a leak.
     */
    private static boolean showsAPieceOf(String body, String text) {
        for (int start = 0; start + 4 <= body.length(); start++) {
            String piece = body.substring(start, start + 4);
            if (piece.chars().allMatch(Character::isLetterOrDigit) && text.contains(piece)) {
                return true;
            }
        }
        return false;
    }

    private static void assertRedacted(String sql, String expected) {
        assertEquals(expected, SqlRedaction.redact(sql), sql);
    }

    private static void assertHidden(String sql, String... secrets) {
        String redacted = SqlRedaction.redact(sql);
        for (String secret : secrets) {
            assertFalse(redacted.contains(secret), () -> secret + " survived in " + redacted);
        }
    }
}
