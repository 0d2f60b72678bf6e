package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.LibraryInternals;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Connector/J's NonRegisteringDriver behind {@link ConnectorDriver}. */
class ConnectorDriverTest {
    private final LibraryInternals connectorJ = LibraryInternals.connectorJ("ConnectorDriver");

    @Test
    void theDriverClassIsStillAPublicDriverWithANoArgumentConstructor() throws ReflectiveOperationException {
        connectorJ.subtype("com.mysql.cj.jdbc.NonRegisteringDriver", Driver.class);
        connectorJ.type("com.mysql.cj.jdbc.NonRegisteringDriver").getConstructor();
    }

    @Test
    void itAnswersConnectorJsVersionAndNoOtherUrls() throws SQLException {
        String version = LibraryInternals.connectorJ("ConnectorDriver").says("version");
        assertTrue(version.startsWith("Connector/J " + ConnectorDriver.majorVersion() + "."
                        + ConnectorDriver.minorVersion() + "."),
                connectorJ.says("the driver reports the version in its jar's manifest: " + version));
        assertNull(ConnectorDriver.connect("jdbc:rwsplit:mysql://db1/app", new Properties()),
                connectorJ.says("a URL that is not Connector/J's gets null, not an exception"));
    }

    @Test
    void openingConnectionsThroughItRegistersNothingWithDriverManager() {
        ConnectorDriver.majorVersion();
        assertEquals(0, DriverManager.drivers()
                        .filter(driver -> driver.getClass().getName().equals("com.mysql.cj.jdbc.NonRegisteringDriver"))
                        .count(),
                connectorJ.says("NonRegisteringDriver does not register itself"));
    }

    @Test
    void versionsBefore8_4AskTheServerForTheirWritesGtidInsteadOfReadingItFromTheOkPacket() {
        assertFalse(ConnectorDriver.isAtLeast(8, 0, 8, 4), "8.0.33 reads the OK packet's info text up to a NUL byte");
        assertFalse(ConnectorDriver.isAtLeast(7, 9, 8, 4));
        assertTrue(ConnectorDriver.isAtLeast(8, 4, 8, 4));
        assertTrue(ConnectorDriver.isAtLeast(9, 0, 8, 4));
        assertTrue(ConnectorDriver.isAtLeast(26, 10, 8, 4));
        assertEquals(ConnectorDriver.isAtLeast(ConnectorDriver.majorVersion(), ConnectorDriver.minorVersion(), 8, 4),
                ConnectorDriver.reportsSessionStateInOkPackets());
    }
}
