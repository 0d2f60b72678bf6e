package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.ok;
import static io.github.rwsplit.internal.config.Parse.props;
import static io.github.rwsplit.internal.config.Parse.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.conf.ConnectionUrl;
import com.mysql.cj.conf.HostInfo;
import com.mysql.cj.conf.PropertyKey;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys that are not rwsplit options go to Connector/J for every node, checked against Connector/J's own table. */
class ConnectorPassThroughTest {

    @Test
    void connectorJPropertiesPassThroughAsGiven() {
        ClusterConfig config = ok(CLUSTER + "?sslMode=REQUIRED&connectTimeout=2000&useServerPrepStmts=true",
                props("socketTimeout", "30000", "user", "app"));
        assertEquals(Map.of("sslMode", "REQUIRED", "connectTimeout", "2000", "useServerPrepStmts", "true",
                "socketTimeout", "30000", "user", "app"), Map.copyOf(config.connectorProperties()));
    }

    @Test
    void rwsplitOptionsAreNotPassedToConnectorJ() {
        ClusterConfig config = ok(CLUSTER + "?loadBalance=random&pool.maximumPoolSize=3&jmx=true");
        assertTrue(config.connectorProperties().isEmpty());
    }

    @Test
    void connectorPropertiesAreACopyTheCallerMayChange() {
        ClusterConfig config = ok(CLUSTER + "?sslMode=REQUIRED");
        config.connectorProperties().setProperty("sslMode", "DISABLED");
        assertEquals("REQUIRED", config.connectorProperties().getProperty("sslMode"));
    }

    @ParameterizedTest
    @CsvSource({"serverTimezone, UTC, connectionTimeZone", "nullCatalogMeansCurrent, true, nullDatabaseMeansCurrent",
            "enabledTLSProtocols, TLSv1.3, tlsVersions", "xdevapiSslMode, REQUIRED, xdevapi.ssl-mode"})
    void connectorJAliasesPassThroughUnderTheNameGiven(String alias, String value, String name) {
        assertEquals(name, aliasOf(alias).getKeyName());
        assertEquals(value, ok(CLUSTER + "?" + alias + "=" + value).connectorProperties().getProperty(alias));
        assertEquals(value, ok(CLUSTER + "?" + name + "=" + value).connectorProperties().getProperty(name));
    }

    @Test
    void aliasValuesAreCheckedLikeTheirProperty() {
        assertTrue(rejected(CLUSTER + "?xdevapiSslMode=bogus").startsWith(
                "rwsplit: invalid value 'bogus' for Connector/J property 'xdevapiSslMode': "));
    }

    private static PropertyKey aliasOf(String alias) {
        for (PropertyKey key : PropertyKey.values()) {
            if (alias.equals(key.getCcAlias())) {
                return key;
            }
        }
        throw new AssertionError(alias + " is no Connector/J alias");
    }

    @Test
    void keysAreCaseSensitiveAsInConnectorJ() {
        // Connector/J itself does not know ConnectTimeout: it would ignore it, and the timeout would silently not apply.
        assertNull(PropertyKey.fromValue("ConnectTimeout"));
        assertEquals("rwsplit: unknown option 'ConnectTimeout'; did you mean 'connectTimeout'?",
                rejected(CLUSTER + "?ConnectTimeout=2000"));
        assertEquals("rwsplit: unknown option 'SSLMODE'; did you mean 'sslMode'?",
                rejected(CLUSTER, props("SSLMODE", "REQUIRED")));
        assertEquals("rwsplit: unknown option 'LoadBalance'; did you mean 'loadBalance'?",
                rejected(CLUSTER + "?LoadBalance=random"));
    }

    @Test
    void theFewKeysConnectorJReadsInAnyCaseAreFiledUnderTheirOwnName() {
        ClusterConfig config = ok(CLUSTER + "?USER=app&Password=pw&PARANOID=true");
        assertEquals("app", config.user());
        assertEquals(Map.of("user", "app", "password", "pw", "paranoid", "true"), Map.copyOf(config.connectorProperties()));
    }

    @Test
    void propertiesOverrideTheUrlQueryAndUserInfoOverridesBothAsInConnectorJ() {
        String query = "?user=q&password=r&connectTimeout=5&sslMode=PREFERRED";
        Properties info = props("user", "x", "password", "px", "connectTimeout", "7");

        HostInfo connectorJ = ConnectionUrl.getConnectionUrlInstance("jdbc:mysql://u:p@h/app" + query, info)
                .getMainHost();
        ClusterConfig config = ok("jdbc:rwsplit:mysql://u:p@h,r/app" + query, info);
        assertEquals(connectorJ.getUser(), config.user());
        assertEquals(connectorJ.getPassword(), config.connectorProperties().getProperty("password"));
        assertEquals("u", config.user());
        assertEquals("p", config.connectorProperties().getProperty("password"));
        assertEquals("7", connectorJ.getHostProperties().get("connectTimeout"));
        assertEquals("7", config.connectorProperties().getProperty("connectTimeout"));
        assertEquals("PREFERRED", config.connectorProperties().getProperty("sslMode"));

        connectorJ = ConnectionUrl.getConnectionUrlInstance("jdbc:mysql://h/app" + query, info).getMainHost();
        config = ok("jdbc:rwsplit:mysql://h,r/app" + query, info);
        assertEquals("x", connectorJ.getUser());
        assertEquals(connectorJ.getUser(), config.user());
        assertEquals("px", connectorJ.getPassword());
        assertEquals(connectorJ.getPassword(), config.connectorProperties().getProperty("password"));
    }

    @Test
    void propertiesOverrideTheUrlWhateverTheCaseOfTheKeysConnectorJReadsInAnyCase() {
        Properties info = props("USER", "x");
        assertEquals("x", ConnectionUrl.getConnectionUrlInstance("jdbc:mysql://h/app?user=q", info).getMainHost()
                .getUser());
        assertEquals("x", ok("jdbc:rwsplit:mysql://h/app?user=q", info).user());
        assertEquals("u", ok("jdbc:rwsplit:mysql://u@h/app?USER=q", props("User", "x")).user());
    }

    @Test
    void propertiesOverrideRwsplitOptionsToo() {
        assertEquals(LoadBalance.LEAST_LATENCY, ok(CLUSTER + "?loadBalance=random", props("loadBalance", "leastLatency"))
                .get(Options.LOAD_BALANCE));
    }

    @Test
    void valuesConnectorJAcceptsAreAcceptedInItsOwnSpelling() {
        ClusterConfig config = ok(CLUSTER + "?sslMode=verify_ca&useSSL=YES&maxAllowedPacket=16777216"
                + "&largeRowSizeThreshold=4K&connectionTimeZone=Europe/Paris&maxRows=-1");
        assertEquals("verify_ca", config.connectorProperties().getProperty("sslMode"));
        assertEquals("4K", config.connectorProperties().getProperty("largeRowSizeThreshold"));
    }

    @Test
    void knownKeysAreConnectorJsDefinedPropertiesMinusTheUrlStructure() {
        assertTrue(ConnectorProperties.knows("sslMode"));
        assertTrue(ConnectorProperties.knows("password1"));
        assertTrue(ConnectorProperties.knows("serverTimezone"));
        assertFalse(ConnectorProperties.knows("host"));
        assertFalse(ConnectorProperties.knows("dbname"));
        assertFalse(ConnectorProperties.knows("loadBalance"));
        assertTrue(ConnectorProperties.keys().contains("sslMode"));
        assertFalse(ConnectorProperties.keys().contains("host"));
        for (String key : ConnectorProperties.keys()) {
            assertNotNull(ConnectorProperties.definition(key), key);
            assertNull(Options.byKey(key), key + " is both an rwsplit option and a Connector/J property");
        }
    }
}
