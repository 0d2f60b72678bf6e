package io.github.rwsplit.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.LibraryInternals;
import org.junit.jupiter.api.Test;

/** Connector/J's property table internals behind {@link ConnectorProperties}. */
class ConnectorPropertiesTest {
    private final LibraryInternals connectorJ = LibraryInternals.connectorJ("ConnectorProperties");

    @Test
    void thePropertyTableInternalsAreStillThere() {
        Class<?> key = connectorJ.type("com.mysql.cj.conf.PropertyKey");
        Class<?> definition = connectorJ.type("com.mysql.cj.conf.PropertyDefinition");
        connectorJ.method("com.mysql.cj.conf.PropertyKey", "normalizeCase", String.class, String.class);
        connectorJ.method("com.mysql.cj.conf.PropertyKey", "fromValue", key, String.class);
        connectorJ.method("com.mysql.cj.conf.PropertyKey", "values", key.arrayType());
        connectorJ.method("com.mysql.cj.conf.PropertyKey", "getKeyName", String.class);
        connectorJ.method("com.mysql.cj.conf.PropertyKey", "getCcAlias", String.class);
        connectorJ.method("com.mysql.cj.conf.PropertyDefinitions", "getPropertyDefinition", definition, key);
        connectorJ.method("com.mysql.cj.conf.PropertyDefinition", "parseObject", Object.class, String.class,
                connectorJ.type("com.mysql.cj.exceptions.ExceptionInterceptor"));
        connectorJ.method("com.mysql.cj.conf.PropertyDefinition", "isRangeBased", boolean.class);
        connectorJ.method("com.mysql.cj.conf.PropertyDefinition", "getLowerBound", int.class);
        connectorJ.method("com.mysql.cj.conf.PropertyDefinition", "getUpperBound", int.class);
    }

    @Test
    void connectorJsTableStillAnswersWhatRwsplitAsks() throws ConfigProblem {
        assertEquals("user", ConnectorProperties.normalize("USER"), connectorJ.says("user is read in any case"));
        assertNotNull(ConnectorProperties.definition("sslMode"), connectorJ.says("sslMode is a property"));
        assertNotNull(ConnectorProperties.definition("useSSL"), connectorJ.says("useSSL is still an alias"));
        assertNull(ConnectorProperties.definition("host"), "URL structure is not passed through");
        assertTrue(ConnectorProperties.keys().contains("connectTimeout"), connectorJ.says("connectTimeout is listed"));
        assertTrue(ConnectorProperties.keys().size() > 100, connectorJ.says("the whole table is listed"));
        ConnectorProperties.validate("connectTimeout", "2000");
        assertThrows(ConfigProblem.class, () -> ConnectorProperties.validate("sslMode", "SOMETIMES"),
                connectorJ.says("an enum property refuses an unknown value"));
        assertThrows(ConfigProblem.class, () -> ConnectorProperties.validate("connectTimeout", "soon"),
                connectorJ.says("an integer property refuses a word"));
    }
}
