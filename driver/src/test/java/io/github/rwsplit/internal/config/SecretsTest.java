package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.ok;
import static io.github.rwsplit.internal.config.Parse.props;
import static io.github.rwsplit.internal.config.Parse.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Passwords never appear in any message or toString. */
class SecretsTest {
    private static final String SECRET = "Zq7secret";

    private static void assertHidden(String text) {
        assertFalse(text.contains(SECRET), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // a query password next to an error that echoes the URL
            "jdbc:rwsplit:mysql://h1,h1/app?password=Zq7secret",
            "jdbc:rwsplit:mysql://h1,,h2/app?user=u&password1=Zq7secret&password2=Zq7secret",
            "jdbc:rwsplit:mysql://h1/app?password=Zq7secret&jmx",
            "jdbc:rwsplit:mysql://h1/app?PASSWORD=Zq7secret&trustCertificateKeyStorePassword=Zq7secret&jmx",
            "jdbc:mysql://h1/app?password=Zq7secret",
            "jdbc:rwsplit:postgresql://h1/app?password=Zq7secret",
            // a user-info password, also one holding the characters that end the user info elsewhere
            "jdbc:rwsplit:mysql://u:Zq7secret@h1,h1/app",
            "jdbc:rwsplit:mysql://u:x,Zq7secret@h1,,h2",
            "jdbc:rwsplit:mysql://u:Zq7secret,x:y@[::1",
            "jdbc:rwsplit:mysql://u:Zq7secret@@h1",
            "jdbc:rwsplit:mysql://u:p@Zq7secret@h1",
            "jdbc:mysql://u:Zq7secret@h1",
            // escapes gone wrong inside a password
            "jdbc:rwsplit:mysql://h1/app?password=Zq7secret%",
            "jdbc:rwsplit:mysql://h1/app?password=Zq7secret%zz",
            "jdbc:rwsplit:mysql://u:Zq7secret%@h1",
            // a password whose unencoded '/' or '?' ends the host list early
            "jdbc:rwsplit:mysql://u:Zq7secret/x@h1/app",
            "jdbc:rwsplit:mysql://u:Zq7secret?x@h1/app",
            "jdbc:rwsplit:mysql://u:Zq7secret/@h1,h2/app?jmx=true",
            // pieces that messages quote (the database name here), holding what the masked URL hides
            "jdbc:rwsplit:mysql://app//u:Zq7secret@db0%",
            "jdbc:rwsplit:mysql://h1/app&password=Zq7secret%"})
    void noMessageShowsAPasswordFromTheUrl(String url) {
        assertHidden(rejected(url));
    }

    @Test
    void aOneLetterPasswordLeavesTheWordsOfAMessageWhole() {
        assertTrue(rejected("jdbc:rwsplit:mysql://u:p@/app").endsWith("': a host is empty; expected jdbc:rwsplit:mysql:"
                + "//PRIMARY[:PORT][,REPLICA[:PORT]]...[/DATABASE][?KEY=VALUE[&KEY=VALUE]...]"));
    }

    @Test
    void noMessageShowsAPasswordFromTheProperties() {
        Properties info = props("password", SECRET, "password1", SECRET, "sslMode", "bogus");
        assertHidden(rejected(CLUSTER, info));
        assertHidden(rejected("jdbc:rwsplit:mysql://h1,h1", info));
        assertHidden(rejected(CLUSTER + "?pool.minimumIdle=100", info));
    }

    @Test
    void toStringMasksEveryPassword() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://u:Zq7secret@h1,h2/app?sslMode=REQUIRED&password2=Zq7secret",
                props("password1", SECRET, "trustCertificateKeyStorePassword", SECRET,
                        "xdevapi.ssl-keystore-password", SECRET));
        String text = config.toString();
        assertHidden(text);
        assertTrue(text.contains("password=****"), text);
        assertTrue(text.contains("password1=****"), text);
        assertTrue(text.contains("trustCertificateKeyStorePassword=****"), text);
        assertTrue(text.contains("sslMode=REQUIRED"), text);
        assertTrue(text.contains("user=u"), text);
        assertTrue(text.startsWith("ClusterConfig[h1:3306, h2:3306]/app{"), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "jdbc:rwsplit:mysql://u:pw@h/app; jdbc:rwsplit:mysql://u:****@h/app",
            "jdbc:rwsplit:mysql://u:p@w,x:y@h1,h2; jdbc:rwsplit:mysql://u:****@h1,h2",
            "jdbc:rwsplit:mysql://u:pw@h?user=a@b; jdbc:rwsplit:mysql://u:****@h?user=a@b",
            "jdbc:rwsplit:mysql://me@corp:pw@h; jdbc:rwsplit:mysql://me@corp:****@h",
            "jdbc:rwsplit:mysql://u@h:3306/app; jdbc:rwsplit:mysql://u@h:3306/app",
            "jdbc:rwsplit:mysql://h:3306,h2:3307/app?user=a@b; jdbc:rwsplit:mysql://h:3306,h2:3307/app?user=a@b",
            "jdbc:rwsplit:mysql://h/app?password=pw&sslMode=REQUIRED; jdbc:rwsplit:mysql://h/app?password=****&sslMode=REQUIRED",
            "jdbc:rwsplit:mysql://h/app?a=1&Password=pw; jdbc:rwsplit:mysql://h/app?a=1&Password=****",
            "jdbc:rwsplit:mysql://h/app?password1=a&password3=b; jdbc:rwsplit:mysql://h/app?password1=****&password3=****",
            "jdbc:rwsplit:mysql://h/app?clientCertificateKeyStorePassword=pw; jdbc:rwsplit:mysql://h/app?clientCertificateKeyStorePassword=****",
            "jdbc:rwsplit:mysql://h/app?password=; jdbc:rwsplit:mysql://h/app?password=****",
            "jdbc:rwsplit:mysql://h/app; jdbc:rwsplit:mysql://h/app",
            "jdbc:mysql://u:pw@h; jdbc:mysql://u:****@h"})
    void maskReplacesEveryPasswordWithStars(String url, String masked) {
        assertEquals(masked, RwSplitUrl.mask(url));
    }

    @Test
    void maskOfNothingIsNothing() {
        assertNull(RwSplitUrl.mask(null));
    }
}
