package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Passwords and bound parameter values never show in any log line (of any library, rwsplit at DEBUG), any
 * exception message or cause, or the toString of rwsplit's objects; statements are logged one line each at DEBUG,
 * never above, with their SQL cut to 200 characters.
 */
@WithReplicationCluster
class SecretsStayHiddenIT {
    private static final String KEYSTORE_PASSWORD = "KsPw-3f9X7qLeak";
    private static final String URL_PASSWORD = "UrlPw-8Rk2Leak";
    private static final String BOUND_STRING = "BoundString-Qz81Leak";
    private static final long BOUND_NUMBER = 918_273_645_101L;
    private static final String BOUND_BYTES = "BoundBytes-Hx44Leak";
    private static final String BOUND_OBJECT = "BoundObject-Vc09Leak";
    private static final BigDecimal BOUND_DECIMAL = new BigDecimal("8675309.1234");
    private static final String FAILING_VALUE = "FailingValue-Tt6Leak";
    private static final String BATCH_VALUE = "BatchValue-Lm3Leak";

    private final ReplicationCluster cluster;
    private final Map<String, Level> levels = new HashMap<>();

    SecretsStayHiddenIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void logEverythingOfOursAndThePoolsAtDebug() {
        for (String name : List.of("io.github.rwsplit", "com.zaxxer.hikari")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void restoreLevels() {
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void noPasswordOrBoundValueShowsInLogsExceptionsOrToString() throws Exception {
        List<String> secrets = List.of(cluster.appPassword(), KEYSTORE_PASSWORD, URL_PASSWORD, BOUND_STRING,
                Long.toString(BOUND_NUMBER), BOUND_BYTES, hex(BOUND_BYTES), hex(BOUND_BYTES).toUpperCase(Locale.ROOT),
                BOUND_OBJECT, BOUND_DECIMAL.toPlainString(), FAILING_VALUE, BATCH_VALUE);
        List<Throwable> thrown = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        List<ILoggingEvent> events;
        try (LogCapture logs = new LogCapture(Logger.ROOT_LOGGER_NAME)) {
            String url = cluster.rwsplitUrl("clusterName=secrets", "trustCertificateKeyStorePassword=" + KEYSTORE_PASSWORD);
            try (Connection connection = DriverManager.getConnection(url)) {
                runStatements(connection, thrown, shown);
            }
            try (RwSplitDataSource dataSource = new RwSplitDataSource(url)) {
                dataSource.getConnection().close();
                shown.add(dataSource.toString());
                shown.add(dataSource.getClusterStats().toString());
                shown.add(dataSource.getProperties().toString());
            }
            Properties properties = new Properties();
            properties.setProperty("password", URL_PASSWORD);
            thrown.add(assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:rwsplit:mysql://"
                    + cluster.hostList() + "/db?password=" + URL_PASSWORD + "&bogusOption=1")));
            thrown.add(assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:rwsplit:mysql://u:"
                    + URL_PASSWORD + "@" + cluster.hostList() + ",/db")));
            thrown.add(assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:rwsplit:mysql://"
                    + cluster.hostList() + "/db?loadBalance=fastest", properties)));
            events = logs.events();
        }
        for (Throwable e : thrown) {
            if (e instanceof SQLException sql && sql.getSQLState().equals("01S00")) {
                assertTrue(e.getMessage().contains("bogusOption") || e.getMessage().contains("loadBalance")
                        || e.getMessage().contains("host"), e.getMessage());
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().startsWith("com.zaxxer.hikari")
                && e.getLevel() == Level.DEBUG), "the pools' DEBUG lines were captured");
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events) {
            check(secrets, "log line " + event.getLoggerName() + ": " + event.getFormattedMessage(),
                    text(event), leaks);
        }
        for (Throwable e : thrown) {
            check(secrets, "exception " + e, text(e), leaks);
        }
        for (String text : shown) {
            check(secrets, "toString " + text, text, leaks);
        }
        if (!leaks.isEmpty()) {
            fail("secrets showed:\n" + String.join("\n", leaks));
        }
    }

    private void runStatements(Connection connection, List<Throwable> thrown, List<String> shown) throws SQLException {
        shown.add(connection.toString());
        try (Statement statement = connection.createStatement()) {
            shown.add(statement.toString());
            statement.execute("CREATE TABLE IF NOT EXISTS secrets (id INT PRIMARY KEY, s VARCHAR(64), n BIGINT,"
                    + " b VARBINARY(64), o VARCHAR(64), d DECIMAL(20,4))");
        }
        String insertOne = "INSERT INTO secrets VALUES (1, ?, ?, ?, ?, ?)";
        try (PreparedStatement insert = connection.prepareStatement(insertOne)) {
            bind(insert, BOUND_STRING);
            shown.add(insert.toString());
            insert.executeUpdate();
        }
        try (PreparedStatement duplicate = connection.prepareStatement(insertOne)) {
            bind(duplicate, FAILING_VALUE);
            SQLException e = assertThrows(SQLException.class, duplicate::executeUpdate);
            assertEquals("23000", e.getSQLState(), e.getMessage());
            thrown.add(e);
            shown.add(duplicate.toString());
        }
        try (PreparedStatement batch = connection.prepareStatement("INSERT INTO secrets (id, s) VALUES (?, ?)")) {
            for (int id = 2; id <= 4; id++) {
                batch.setInt(1, id);
                batch.setString(2, BATCH_VALUE + id);
                batch.addBatch();
            }
            batch.executeBatch();
            batch.setInt(1, 5);
            batch.setString(2, BATCH_VALUE + 5);
            batch.addBatch();
            batch.setInt(1, 2);
            batch.setString(2, BATCH_VALUE + 2);
            batch.addBatch();
            shown.add(batch.toString());
            thrown.add(assertThrows(BatchUpdateException.class, batch::executeBatch));
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT s, n, b, o, d FROM secrets WHERE s = ?"
                + " OR n = ? OR o = ?")) {
            select.setString(1, BOUND_STRING);
            select.setLong(2, BOUND_NUMBER);
            select.setObject(3, BOUND_OBJECT);
            shown.add(select.toString());
            try (ResultSet rows = select.executeQuery()) {
                shown.add(rows.toString());
                while (rows.next()) {
                    rows.getString(1);
                }
            }
        }
    }

    /** Binds every kind of distinctive value: a string, a number, bytes and two objects. */
    private static void bind(PreparedStatement statement, String string) throws SQLException {
        statement.setString(1, string);
        statement.setLong(2, BOUND_NUMBER);
        statement.setBytes(3, BOUND_BYTES.getBytes(StandardCharsets.UTF_8));
        statement.setObject(4, BOUND_OBJECT);
        statement.setObject(5, BOUND_DECIMAL);
    }

    @Test
    void statementsAreLoggedOnlyAtDebugWithTheirSqlCutTo200Characters() throws SQLException {
        String longSql = "SELECT 1 /*" + "0123456789".repeat(50) + "*/";
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl("clusterName=statement-logs"));
             LogCapture logs = LogCapture.rwsplit()) {
            for (int i = 0; i < 20; i++) {
                ServedBy.serverId(cluster, connection);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(longSql);
            }
            List<ILoggingEvent> events = logs.events();
            assertEquals(List.of(), events.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .map(ILoggingEvent::getFormattedMessage).toList(), "nothing above DEBUG per statement");
            assertEquals(20, events.stream().filter(e -> e.getFormattedMessage().endsWith("SELECT @@server_id"))
                    .count());
            ILoggingEvent logged = events.stream().filter(e -> e.getFormattedMessage().contains("SELECT 1 /*0123"))
                    .findFirst().orElseThrow();
            String message = logged.getFormattedMessage();
            assertTrue(message.endsWith(longSql.substring(0, 200) + "…"), message);
            assertFalse(message.contains(longSql.substring(0, 201)), message);
        }
    }

    private static void check(List<String> secrets, String where, String text, List<String> leaks) {
        for (String secret : secrets) {
            if (text.contains(secret)) {
                leaks.add(secret + " in " + (where.length() > 500 ? where.substring(0, 500) + "…" : where));
            }
        }
    }

    /** A log line as any appender could write it: the message, then every throwable with causes and suppressed. */
    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage());
        append(text, event.getThrowableProxy());
        return text.toString();
    }

    private static void append(StringBuilder text, IThrowableProxy proxy) {
        if (proxy == null) {
            return;
        }
        text.append('\n').append(proxy.getClassName()).append(": ").append(proxy.getMessage());
        append(text, proxy.getCause());
        for (IThrowableProxy suppressed : proxy.getSuppressed()) {
            append(text, suppressed);
        }
    }

    /** An exception as a stack trace shows it: every cause, suppressed and chained SQLException. */
    private static String text(Throwable e) {
        StringBuilder text = new StringBuilder();
        List<Throwable> seen = new ArrayList<>();
        append(text, e, seen);
        return text.toString();
    }

    private static void append(StringBuilder text, Throwable e, List<Throwable> seen) {
        if (e == null || seen.stream().anyMatch(s -> s == e)) {
            return;
        }
        seen.add(e);
        text.append('\n').append(e);
        append(text, e.getCause(), seen);
        for (Throwable suppressed : e.getSuppressed()) {
            append(text, suppressed, seen);
        }
        if (e instanceof SQLException sql) {
            append(text, sql.getNextException(), seen);
        }
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
