package io.github.rwsplit.flyway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDriver;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.extensibility.Plugin;
import org.flywaydb.core.internal.jdbc.DriverDataSource;
import org.junit.jupiter.api.Test;

/** The Flyway plugin against flyway-core alone (no flyway-mysql, no server): what Flyway's loader and lookups see. */
class RwSplitDatabaseTypeTest {
    private static final String URL = "jdbc:rwsplit:mysql://db1:3306,db2:3306/shop?maxReplicationLag=2s";

    private final RwSplitDatabaseType type = new RwSplitDatabaseType();

    @Test
    void flywaysPluginLoaderFindsIt() {
        List<String> plugins = ServiceLoader.load(Plugin.class).stream()
                .map(provider -> provider.type().getName()).collect(Collectors.toList());
        assertTrue(plugins.contains(RwSplitDatabaseType.class.getName()), plugins.toString());
    }

    @Test
    void aRwSplitUrlGivesFlywayTheRwSplitDriver() {
        DriverDataSource dataSource = new DriverDataSource(getClass().getClassLoader(), null, URL, "app", "secret");
        assertInstanceOf(RwSplitDriver.class, dataSource.getDriver());
    }

    @Test
    void claimsRwSplitUrlsOnly() {
        assertTrue(type.handlesJDBCUrl(URL));
        assertTrue(type.handlesJDBCUrl("JDBC:RWSPLIT:mysql://db1/shop"));
        assertFalse(type.handlesJDBCUrl("jdbc:mysql://db1/shop"));
        assertFalse(type.handlesJDBCUrl("jdbc:mysql:replication://db1,db2/shop"));
        assertEquals(RwSplitDriver.class.getName(), type.getDriverClass(URL, getClass().getClassLoader()));
    }

    @Test
    void ranksBelowFlywayMySqlSupport_whichFlywayAsksFirstAboutAConnection() {
        // flyway-mysql's MySQL type has priority 0 and its MariaDB type 1; Flyway tries the highest first.
        assertTrue(type.getPriority() < 0);
    }

    @Test
    void takesOnlyRwSplitConnections() {
        assertTrue(type.handlesDatabaseProductNameAndVersion("MySQL", "5.5.5-10.11.5-MariaDB", connectionTo(URL)));
        assertFalse(type.handlesDatabaseProductNameAndVersion("MySQL", "8.4.3", connectionTo("jdbc:mysql://db1/shop")));
    }

    @Test
    void withoutFlywayMySql_migratingFailsNamingTheMissingDependency() {
        FlywayException parser = assertThrows(FlywayException.class, () -> type.createParser(null, null, null));
        assertTrue(parser.getMessage().contains("add org.flywaydb:flyway-mysql"), parser.getMessage());
    }

    private static Connection connectionTo(String url) {
        DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(RwSplitDatabaseTypeTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getURL")) {
                        return url;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Connection) Proxy.newProxyInstance(RwSplitDatabaseTypeTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getMetaData")) {
                        return metaData;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
