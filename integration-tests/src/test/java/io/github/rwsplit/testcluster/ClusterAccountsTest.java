package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void credentialsNeverShowTheirPassword() {
        assertEquals("rwsplit_app:****", new Credentials("rwsplit_app", "secret").toString());
    }
}
