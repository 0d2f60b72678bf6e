package io.github.rwsplit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What a data source shows of its configuration: everything but secrets. */
class RwSplitDataSourceTest {

    @Test
    void propertiesAndToStringHoldNoSecret() {
        RwSplitDataSource dataSource = new RwSplitDataSource(
                "jdbc:rwsplit:mysql://db1,db2/app?user=app&password=UrlSecret1");
        Properties properties = new Properties();
        properties.setProperty("password", "PropSecret2");
        properties.setProperty("trustCertificateKeyStorePassword", "PropSecret3");
        properties.setProperty("clientCertificateKeyStorePassword", "PropSecret4");
        properties.setProperty("sslMode", "VERIFY_CA");
        dataSource.setProperties(properties);

        Properties shown = dataSource.getProperties();
        assertEquals("VERIFY_CA", shown.getProperty("sslMode"));
        assertEquals(1, shown.size(), shown.keySet().toString());
        String text = shown + " " + dataSource;
        for (String secret : new String[] {"UrlSecret1", "PropSecret2", "PropSecret3", "PropSecret4"}) {
            assertFalse(text.contains(secret), text);
        }
    }
}
