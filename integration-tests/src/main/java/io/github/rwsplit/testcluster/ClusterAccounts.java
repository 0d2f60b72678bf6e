package io.github.rwsplit.testcluster;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The accounts the cluster creates on the primary (so that they replicate), and the one place that
 * says what the application user may do.
 *
 * <p>Passwords are new for every cluster: a replica retrying a killed primary's port, or a test
 * connecting to a killed node, is refused by a server of another cluster that took that port.
 */
final class ClusterAccounts {

    static final String DATABASE = "rwsplit_test";

    /**
     * What a real deployment grants an application on its own schema. Nothing global beyond
     * replication monitoring: no SUPER and no read-only bypass, so {@code read_only=1} on a replica
     * really refuses the application's writes.
     */
    static final List<String> APP_SCHEMA_PRIVILEGES = List.of(
            "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER", "INDEX",
            "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE ROUTINE", "ALTER ROUTINE",
            "CREATE VIEW", "SHOW VIEW", "TRIGGER", "REFERENCES");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials app = new Credentials("rwsplit_app", newPassword());
    private final Credentials replication = new Credentials("rwsplit_repl", newPassword());

    Credentials app() {
        return app;
    }

    Credentials replication() {
        return replication;
    }

    /**
     * The statements that create both accounts. The application user also gets what a lag monitor
     * needs to read replica status ({@link ReplicationDialect#monitorPrivilege()}).
     */
    List<String> creationStatements(ReplicationDialect dialect) {
        String appAccount = Sql.literal(app.user()) + "@'%'";
        String replicationAccount = Sql.literal(replication.user()) + "@'%'";
        return List.of(
                "CREATE USER " + replicationAccount + " IDENTIFIED BY " + Sql.literal(replication.password()),
                "GRANT REPLICATION SLAVE ON *.* TO " + replicationAccount,
                "CREATE USER " + appAccount + " IDENTIFIED BY " + Sql.literal(app.password()),
                "GRANT " + String.join(", ", APP_SCHEMA_PRIVILEGES) + " ON `" + DATABASE + "`.* TO " + appAccount,
                "GRANT " + dialect.monitorPrivilege() + " ON *.* TO " + appAccount);
    }

    /** Letters and digits only, so that it can stand in a URL as it is. */
    static String newPassword() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
