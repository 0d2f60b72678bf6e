package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.ok;
import static io.github.rwsplit.internal.config.Parse.props;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Equal configurations share one cluster (pools, monitor), so equality must mean "would build the same cluster". */
class ClusterConfigTest {

    @Test
    void theOrderOfOptionsDoesNotMatter() {
        ClusterConfig a = ok(CLUSTER + "?jmx=true&loadBalance=random&sslMode=REQUIRED&connectTimeout=500");
        ClusterConfig b = ok(CLUSTER + "?connectTimeout=500&sslMode=REQUIRED&loadBalance=random&jmx=true");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void whereASettingCameFromDoesNotMatter() {
        ClusterConfig fromUrl = ok("jdbc:rwsplit:mysql://u:pw@db0,db1/app?loadBalance=random");
        ClusterConfig fromProperties = ok("jdbc:rwsplit:mysql://db0,db1/app",
                props("user", "u", "password", "pw", "loadBalance", "random"));
        assertEquals(fromUrl, fromProperties);
        assertEquals(fromUrl.hashCode(), fromProperties.hashCode());
    }

    @Test
    void equalValuesSpelledDifferentlyAreEqual() {
        assertEquals(ok(CLUSTER + "?maxReplicationLag=2000&loadBalance=RANDOM&jmx=yes"),
                ok(CLUSTER + "?maxReplicationLag=2s&loadBalance=random&jmx=true"));
        assertEquals(ok("jdbc:rwsplit:mysql://db0:3306"), ok("jdbc:rwsplit:mysql://db0"));
    }

    @Test
    void thePasswordMatters() {
        // Connections with other credentials must never share pools.
        assertNotEquals(ok("jdbc:rwsplit:mysql://u:pw1@db0,db1/app"), ok("jdbc:rwsplit:mysql://u:pw2@db0,db1/app"));
        assertNotEquals(ok(CLUSTER, props("password", "a")), ok(CLUSTER, props("password", "b")));
        assertNotEquals(ok(CLUSTER, props("password", "a")), ok(CLUSTER));
        assertNotEquals(ok(CLUSTER, props("user", "a")), ok(CLUSTER, props("user", "b")));
    }

    @Test
    void hostsTheirOrderTheDatabaseAndEveryOptionMatter() {
        ClusterConfig base = ok("jdbc:rwsplit:mysql://db0,db1/app");
        assertNotEquals(base, ok("jdbc:rwsplit:mysql://db1,db0/app"));
        assertNotEquals(base, ok("jdbc:rwsplit:mysql://db0,db1:3307/app"));
        assertNotEquals(base, ok("jdbc:rwsplit:mysql://db0,db1/other"));
        assertNotEquals(base, ok("jdbc:rwsplit:mysql://db0,db1"));
        assertNotEquals(base, ok("jdbc:rwsplit:mysql://db0,db1/app?monitorInterval=2s"));
        assertNotEquals(base, ok("jdbc:rwsplit:mysql://db0,db1/app?socketTimeout=1000"));
    }

    @Test
    void primaryAndReplicasAreViewsOfTheHosts() {
        ClusterConfig config = ok(CLUSTER);
        assertEquals(config.hosts().get(0), config.primary());
        assertEquals(config.hosts().subList(1, 3), config.replicas());
    }

    @Test
    void toStringShowsHostsDatabaseAndSettingsInKeyOrder() {
        ClusterConfig config = ok("jdbc:rwsplit:mysql://db0,db1:3307/app?sslMode=REQUIRED&loadBalance=random"
                + "&maxReplicationLag=1500");
        assertEquals("ClusterConfig[db0:3306, db1:3307]/app{loadBalance=random, maxReplicationLag=1500ms,"
                + " sslMode=REQUIRED}", config.toString());
        assertTrue(ok("jdbc:rwsplit:mysql://db0").toString().equals("ClusterConfig[db0:3306]{}"));
    }
}
