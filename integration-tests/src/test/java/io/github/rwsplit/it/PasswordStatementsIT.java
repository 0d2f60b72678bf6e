package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Statements that carry a password (CREATE USER, ALTER USER, SET PASSWORD, and on MariaDB GRANT ... IDENTIFIED BY) run
 * through rwsplit with its loggers at DEBUG, where every statement is logged: no log line shows the password, whether
 * the statement succeeds or fails.
 */
@WithReplicationCluster
class PasswordStatementsIT {
    /** An account that may manage users: the application user may not. */
    private static final String MANAGER = "rwsplit_user_manager";
    private static final List<String> PASSWORDS = List.of("S3cretPass!", "Alter3dPass!", "SetPassw0rd!", "Gr4ntedPass!",
            "Dupl1catePass!");

    private final ReplicationCluster cluster;
    private final Map<String, Level> levels = new HashMap<>();
    private final String managerPassword = "Mgr-" + Long.toHexString(System.nanoTime());

    PasswordStatementsIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTheManagerAndLogAtDebug() throws SQLException {
        adminOnThePrimary("DROP USER IF EXISTS '" + MANAGER + "'@'%', 'u1'@'%', 'u2'@'%'",
                "CREATE USER '" + MANAGER + "'@'%' IDENTIFIED BY '" + managerPassword + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + MANAGER + "'@'%' WITH GRANT OPTION");
        cluster.awaitReplication(Duration.ofSeconds(10));
        for (String name : List.of("io.github.rwsplit", "com.zaxxer.hikari")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
    }

    @AfterEach
    void dropUsersAndRestoreLevels() throws SQLException {
        levels.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
        adminOnThePrimary("DROP USER IF EXISTS '" + MANAGER + "'@'%', 'u1'@'%', 'u2'@'%'");
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    private void adminOnThePrimary(String... statements) throws SQLException {
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Test
    void passwordsInAccountStatements_neverShowInTheDebugLog() throws SQLException {
        String url = "jdbc:rwsplit:mysql://" + cluster.hostList() + "/" + cluster.database()
                + "?clusterName=password-statements&clusterLinger=0&user=" + MANAGER + "&password=" + managerPassword;
        List<ILoggingEvent> events;
        try (LogCapture logs = new LogCapture(Logger.ROOT_LOGGER_NAME);
             Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER 'u1'@'%' IDENTIFIED BY 'S3cretPass!'");
            statement.execute("ALTER USER 'u1'@'%' IDENTIFIED BY 'Alter3dPass!'");
            for (String sql : familyPasswordStatements()) {
                statement.execute(sql);
            }
            SQLException duplicate = assertThrows(SQLException.class,
                    () -> statement.execute("CREATE USER 'u1'@'%' IDENTIFIED BY 'Dupl1catePass!'"));
            assertEquals(1396, duplicate.getErrorCode(), duplicate.getMessage());
            events = logs.events();
        }
        assertTrue(events.stream().anyMatch(e -> e.getLoggerName().startsWith("io.github.rwsplit")
                && e.getLevel() == Level.DEBUG), "rwsplit logged nothing at DEBUG: the check would prove nothing");
        List<String> leaks = new ArrayList<>();
        for (ILoggingEvent event : events) {
            String text = text(event);
            for (String password : PASSWORDS) {
                if (text.contains(password)) {
                    leaks.add(password + " in " + event.getLoggerName() + ": " + text);
                }
            }
        }
        assertEquals(List.of(), leaks, "passwords in log lines");
        // No database in the URL: u1 holds no privilege on any.
        String primaryUrl = "jdbc:mysql://" + cluster.primary().host() + ":" + cluster.primary().port() + "/";
        try (Connection u1 = DriverManager.getConnection(primaryUrl, "u1", "SetPassw0rd!")) {
            assertTrue(u1.isValid(2), "the last password set for u1 is in force on the primary");
        }
    }

    /**
     * SET PASSWORD, and a grant that creates its account with a password, as each family spells them: MySQL 8 dropped
     * PASSWORD() and GRANT ... IDENTIFIED BY, and MariaDB reads a bare string after SET PASSWORD as a hash.
     */
    private List<String> familyPasswordStatements() {
        String grant = "GRANT SELECT ON " + cluster.database() + ".* TO 'u2'@'%'";
        return switch (cluster.serverVersion().family()) {
            case MARIADB -> List.of("SET PASSWORD FOR 'u1'@'%' = PASSWORD('SetPassw0rd!')",
                    grant + " IDENTIFIED BY 'Gr4ntedPass!'");
            case MYSQL -> List.of("SET PASSWORD FOR 'u1'@'%' = 'SetPassw0rd!'",
                    "CREATE USER 'u2'@'%' IDENTIFIED BY 'Gr4ntedPass!'", grant);
        };
    }

    /** A log line as an appender could write it: the message, then every throwable with its causes and suppressed. */
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
}
