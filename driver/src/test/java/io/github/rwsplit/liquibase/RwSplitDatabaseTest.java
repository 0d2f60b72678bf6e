package io.github.rwsplit.liquibase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.rwsplit.jdbc.RwSplitDriver;
import liquibase.database.DatabaseFactory;
import liquibase.database.core.MySQLDatabase;
import org.junit.jupiter.api.Test;

/** The Liquibase plugin against liquibase-core alone (no server): what Liquibase's driver lookup sees. */
class RwSplitDatabaseTest {
    private static final String URL = "jdbc:rwsplit:mysql://db1:3306,db2:3306/shop?maxReplicationLag=2s";

    @Test
    void liquibaseFindsTheRwSplitDriverForARwSplitUrl() {
        assertEquals(RwSplitDriver.class.getName(), DatabaseFactory.getInstance().findDefaultDriver(URL));
    }

    @Test
    void otherUrlsKeepTheirDrivers() {
        assertEquals(new MySQLDatabase().getDefaultDriver("jdbc:mysql://db1/shop"),
                DatabaseFactory.getInstance().findDefaultDriver("jdbc:mysql://db1/shop"));
        assertNull(new RwSplitDatabase().getDefaultDriver("jdbc:mysql://db1/shop"));
    }

    @Test
    void neverClaimsAConnection_soLiquibasesMySqlOrMariaDbDatabaseMigratesIt() {
        assertFalse(new RwSplitDatabase().isCorrectDatabaseImplementation(null));
        // A short name of its own: Liquibase keeps one set of databases per short name.
        assertEquals("mysql", new MySQLDatabase().getShortName());
        assertEquals("rwsplit", new RwSplitDatabase().getShortName());
    }
}
