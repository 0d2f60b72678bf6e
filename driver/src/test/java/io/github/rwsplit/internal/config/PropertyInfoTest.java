package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.props;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Driver.getPropertyInfo: what tools show as the driver's settings. */
class PropertyInfoTest {

    private static Map<String, DriverPropertyInfo> byName(DriverPropertyInfo[] infos) {
        return Arrays.stream(infos).collect(Collectors.toMap(info -> info.name, Function.identity()));
    }

    @Test
    void oneEntryPerOptionInReferenceOrder() {
        DriverPropertyInfo[] infos = RwSplitUrl.propertyInfo(CLUSTER, null);
        assertEquals(Options.all().stream().map(Option::key).toList(),
                Arrays.stream(infos).map(info -> info.name).toList());
        for (int i = 0; i < infos.length; i++) {
            assertEquals(Options.all().get(i).doc(), infos[i].description);
            assertFalse(infos[i].required);
        }
    }

    @Test
    void unsetOptionsShowTheirDefaultAndDerivedOnesNone() {
        Map<String, DriverPropertyInfo> infos = byName(RwSplitUrl.propertyInfo(CLUSTER, null));
        assertEquals("5s", infos.get("maxReplicationLag").value);
        assertEquals("roundRobin", infos.get("loadBalance").value);
        assertEquals("false", infos.get("jmx").value);
        assertNull(infos.get("pool.minimumIdle").value);
        assertNull(infos.get("clusterName").value);
        assertNull(infos.get("replicaWeights").value);
    }

    @Test
    void currentValuesComeFromTheUrlDecodedAndPropertiesWin() {
        Map<String, DriverPropertyInfo> infos = byName(RwSplitUrl.propertyInfo(
                CLUSTER + "?loadBalance=random&clusterName=orders%20eu+1&jmx=true&monitorInterval=bad%",
                props("jmx", "false", "pool.maximumPoolSize", "4")));
        assertEquals("random", infos.get("loadBalance").value);
        assertEquals("orders eu+1", infos.get("clusterName").value);
        assertEquals("false", infos.get("jmx").value);
        assertEquals("4", infos.get("pool.maximumPoolSize").value);
        assertEquals("bad%", infos.get("monitorInterval").value);
    }

    @Test
    void enumsAndBooleansOfferTheirChoicesAndOtherTypesNone() {
        Map<String, DriverPropertyInfo> infos = byName(RwSplitUrl.propertyInfo(CLUSTER, null));
        assertArrayEquals(new String[] {"roundRobin", "random", "leastConnections", "leastLatency"},
                infos.get("loadBalance").choices);
        assertArrayEquals(new String[] {"fallback", "never", "always"}, infos.get("readFromPrimary").choices);
        assertArrayEquals(new String[] {"auto", "replicaStatus", "heartbeat"}, infos.get("lagSource").choices);
        for (String key : List.of("readYourWrites", "retryReads", "jmx")) {
            assertArrayEquals(new String[] {"true", "false"}, infos.get(key).choices, key);
        }
        for (String key : List.of("maxReplicationLag", "replicaWeights", "heartbeatTable", "pool.maximumPoolSize",
                "clusterName")) {
            assertNull(infos.get(key).choices, key);
        }
    }

    @Test
    void anyUrlIsAnsweredWithoutFailing() {
        for (String url : Arrays.asList(null, "", "jdbc:mysql://h", "jdbc:rwsplit:mysql://h?&&=&a", "?%%%=%")) {
            assertEquals(Options.all().size(), RwSplitUrl.propertyInfo(url, null).length);
        }
    }
}
