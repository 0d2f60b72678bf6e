package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterAccountsTest {

    @Test
    void everyClusterGetsPasswordsOfItsOwn() {
        ClusterAccounts one = new ClusterAccounts();
        ClusterAccounts other = new ClusterAccounts();

        assertNotEquals(one.app().password(), other.app().password());
        assertNotEquals(one.replication().password(), other.replication().password());
        assertTrue(one.app().password().matches("[0-9a-f]{24}"), "URL-safe: " + one.app().password());
    }

    @Test
    void applicationUserGetsSchemaPrivilegesAndReplicaMonitoringOnly() {
        List<String> statements = new ClusterAccounts().creationStatements(new MariaDbDialect());

        String grants = String.join("\n", statements);
        assertTrue(grants.contains("GRANT SLAVE MONITOR ON *.* TO 'rwsplit_app'@'%'"), grants);
        assertTrue(grants.contains(" ON `rwsplit_test`.* TO 'rwsplit_app'@'%'"), grants);
        assertFalse(grants.contains("SUPER") || grants.contains("READ_ONLY ADMIN") || grants.contains("ALL"), grants);
    }

    /** The "Least privilege" section of docs/security.md shows the grants the tests prove sufficient, and no others. */
    @Test
    void theSecurityPageListsExactlyTheApplicationUsersGrants() throws IOException {
        String page = Files.readString(Path.of("..", "docs", "security.md"));
        String section = page.substring(page.indexOf("## Least privilege"));
        String schemaGrant = section.substring(section.indexOf("GRANT "), section.indexOf(" ON app_schema.*"))
                .replaceAll("\\s+", " ");
        assertEquals("GRANT " + String.join(", ", ClusterAccounts.APP_SCHEMA_PRIVILEGES), schemaGrant);
        assertTrue(section.contains("GRANT " + new MariaDbDialect().monitorPrivilege() + " ON *.* TO 'app'@'%';"),
                section);
        assertTrue(section.contains("GRANT " + new MySqlDialect().monitorPrivilege() + " ON *.* TO 'app'@'%';"),
                section);
    }

    @Test
    void credentialsNeverShowTheirPassword() {
        assertEquals("rwsplit_app:****", new Credentials("rwsplit_app", "secret").toString());
    }
}
