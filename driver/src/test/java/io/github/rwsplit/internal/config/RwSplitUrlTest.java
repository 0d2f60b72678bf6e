package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.conf.ConnectionUrl;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RwSplitUrlTest {

    @Test
    void acceptsOnlyRwsplitUrls() {
        assertTrue(RwSplitUrl.accepts("jdbc:rwsplit:mysql://h"));
        assertTrue(RwSplitUrl.accepts("JDBC:RWSPLIT:mysql://h"));
        assertTrue(RwSplitUrl.accepts("jdbc:rwsplit:"));
        assertFalse(RwSplitUrl.accepts("jdbc:mysql://h"));
        assertFalse(RwSplitUrl.accepts("jdbc:mysql:replication://h1,h2"));
        assertFalse(RwSplitUrl.accepts("jdbc:rwsplit"));
        assertFalse(RwSplitUrl.accepts(""));
        assertFalse(RwSplitUrl.accepts(null));
    }

    @Test
    void firstHostIsThePrimaryAndEveryFurtherHostAReplicaInUrlOrder() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://db0:3310,db1:3311,db2:3312/app");
        assertEquals(new HostSpec("db0", 3310), config.primary());
        assertEquals(List.of(new HostSpec("db1", 3311), new HostSpec("db2", 3312)), config.replicas());
        assertEquals(List.of(config.primary(), config.replicas().get(0), config.replicas().get(1)), config.hosts());
        assertEquals("app", config.database());
    }

    @Test
    void portDefaultsTo3306() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://db0,db1:3307,10.0.0.3");
        assertEquals(List.of(new HostSpec("db0", 3306), new HostSpec("db1", 3307), new HostSpec("10.0.0.3", 3306)),
                config.hosts());
        assertEquals(3306, HostSpec.DEFAULT_PORT);
    }

    @Test
    void portsSpanOneTo65535() {
        assertEquals(1, ok("jdbc:rwsplit:mysql://h:1").primary().port());
        assertEquals(65535, ok("jdbc:rwsplit:mysql://h:65535").primary().port());
    }

    @Test
    void ipv6LiteralsAreWrittenInBracketsWithOrWithoutPort() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://[::1]:3307,[2001:db8::2],[::ffff:10.0.0.3]:3309/app");
        assertEquals(List.of(new HostSpec("::1", 3307), new HostSpec("2001:db8::2", 3306),
                new HostSpec("::ffff:10.0.0.3", 3309)), config.hosts());
        assertEquals("[::1]", config.primary().urlHost());
        assertEquals("[2001:db8::2]:3306", config.replicas().get(0).toString());
    }

    @Test
    void bracketsAroundANameOrIpv4AddressAreTolerated() {
        assertEquals(new HostSpec("10.0.0.1", 3307), ok("jdbc:rwsplit:mysql://[10.0.0.1]:3307").primary());
    }

    @Test
    void zeroReplicasIsLegal() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://only-primary/app");
        assertEquals(new HostSpec("only-primary", 3306), config.primary());
        assertTrue(config.replicas().isEmpty());
    }

    @Test
    void spacesAroundHostsAreIgnored() {
        assertEquals(List.of(new HostSpec("db0", 3306), new HostSpec("db1", 3307)),
                ok("jdbc:rwsplit:mysql://db0 , db1:3307").hosts());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:rwsplit:mysql://h", "jdbc:rwsplit:mysql://h/", "jdbc:rwsplit:mysql://h?jmx=true",
            "jdbc:rwsplit:mysql://h/?jmx=true"})
    void theDatabaseIsOptional(String url) {
        assertNull(ok(url).database());
    }

    @Test
    void prefixAndSubProtocolAreCaseInsensitive() {
        assertEquals("app", ok("JDBC:RwSplit:MySQL://h/app").database());
    }

    @Test
    void keysAndValuesArePercentDecodedAndPlusStaysLiteral() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://h/my%2Fdb+1?clusterName=orders%20eu+1%2C2"
                + "&password=p%40ss+w%26rd%3D%25&%75ser=me");
        assertEquals("my/db+1", config.database());
        assertEquals("orders eu+1,2", config.clusterName());
        assertEquals("p@ss+w&rd=%", config.connectorProperties().getProperty("password"));
        assertEquals("me", config.user());
    }

    @Test
    void valuesMayContainEqualsSigns() {
        assertEquals("a=b", ok("jdbc:rwsplit:mysql://h?password=a=b").connectorProperties().getProperty("password"));
    }

    @Test
    void userAndPasswordBeforeTheHostsApplyToEveryNode() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://app:s3cret@db0,db1:3307/app");
        assertEquals("app", config.user());
        assertEquals("s3cret", config.connectorProperties().getProperty("password"));
        assertEquals(List.of(new HostSpec("db0", 3306), new HostSpec("db1", 3307)), config.hosts());
    }

    @Test
    void userInfoIsSplitAtItsFirstColonAndDecodedAfterwards() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://me%40corp%3Aeu:pa:ss,w%40rd+1@db0");
        assertEquals("me@corp:eu", config.user());
        assertEquals("pa:ss,w@rd+1", config.connectorProperties().getProperty("password"));
        assertEquals(List.of(new HostSpec("db0", 3306)), config.hosts());
    }

    @Test
    void aUserWithoutPasswordSetsOnlyTheUser() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://reader@db0");
        assertEquals("reader", config.user());
        assertFalse(config.connectorProperties().containsKey("password"));
    }

    @Test
    void emptyPairsAndATrailingAmpersandAreIgnored() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://h/app?&jmx=true&&retryReads=false&");
        assertTrue(config.get(Options.JMX));
        assertFalse(config.get(Options.RETRY_READS));
        assertEquals(ok("jdbc:rwsplit:mysql://h/app?jmx=true&retryReads=false"), config);
    }

    @Test
    void anEmptyQueryIsNoQuery() {
        assertEquals(ok("jdbc:rwsplit:mysql://h/app"), ok("jdbc:rwsplit:mysql://h/app?"));
    }

    @Test
    void theLastOfARepeatedKeyWinsAsInConnectorJ() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://h/app?jmx=true&jmx=false&connectTimeout=1&connectTimeout=2");
        assertFalse(config.get(Options.JMX));
        assertEquals("2", config.connectorProperties().getProperty("connectTimeout"));
        assertEquals("2", ConnectionUrl.getConnectionUrlInstance("jdbc:mysql://h/app?connectTimeout=1&connectTimeout=2",
                null).getMainHost().getHostProperties().get("connectTimeout"));
    }

    @Test
    void connectorUrlNamesOneNodeAndTheDatabase() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://u:pw@db0,[::1]:3307/app?sslMode=REQUIRED");
        assertEquals("jdbc:mysql://db0:3306/app", config.connectorUrl(config.primary()));
        assertEquals("jdbc:mysql://[::1]:3307/app", config.connectorUrl(config.replicas().get(0)));
        assertEquals("jdbc:mysql://db0:3306/", ok("jdbc:rwsplit:mysql://db0").connectorUrl(new HostSpec("db0", 3306)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"app", "a+b", "a%3Fb", "x%2Fy", "50%25", "a%20b", "%C3%A9t%C3%A9", "a%23b", "a%26b%3Dc"})
    void connectorJReadsTheSameDatabaseFromTheNodeUrl(String encoded) {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://db0/" + encoded);
        ConnectionUrl node = ConnectionUrl.getConnectionUrlInstance(config.connectorUrl(config.primary()), null);
        assertEquals(config.database(), node.getDatabase());
        assertEquals("db0", node.getMainHost().getHost());
    }
}
