package io.github.rwsplit.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** The cluster MBean: its name, its attributes as open types, and what happens when two clusters share a name. */
class ClusterMBeanRegistrationTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    private static ClusterStats stats(String name) {
        NodeStats primary = new NodeStats("db1:3306", "primary", "up", "", -1, 3, 7, 0, 0,
                Map.of(FallbackReason.HINT, 3L), 1, 4);
        NodeStats replica = new NodeStats("db2:3306", "replica", "lagging", "lag 9000 ms", 9000, 11, 0, 2, 1,
                Map.of(), 0, 5);
        return new ClusterStats(name, java.util.List.of(primary, replica), 5, 1, new OptimisticStats(9, 6, 2, 1),
                ShadowStats.NONE);
    }

    @Test
    void namesWithJmxSyntaxAreQuotedAndPlainOnesAreNot() throws Exception {
        assertEquals(new ObjectName("io.github.rwsplit:type=Cluster,name=orders"),
                ClusterMBeanRegistration.objectName("orders"));
        assertEquals("\"db1:3306,db2:3306\"",
                ClusterMBeanRegistration.objectName("db1:3306,db2:3306").getKeyProperty("name"));
        ObjectName patternLike = ClusterMBeanRegistration.objectName("a=b*?");
        assertFalse(patternLike.isPattern(), patternLike.toString());
        assertEquals("a=b*?", ObjectName.unquote(patternLike.getKeyProperty("name")));
    }

    @Test
    void theMBeanShowsEachNodesFiguresUntilUnregistered() throws Exception {
        ClusterMBeanRegistration registration = ClusterMBeanRegistration.register("mbean-test", () -> stats("mbean-test"));
        ObjectName name = ClusterMBeanRegistration.objectName("mbean-test");
        try {
            assertEquals("mbean-test", server.getAttribute(name, "ClusterName"));
            assertEquals(5L, server.getAttribute(name, "ParserCalls"));
            assertEquals(1L, server.getAttribute(name, "ParseFailures"));
            CompositeData[] nodes = (CompositeData[]) server.getAttribute(name, "Nodes");
            assertEquals(2, nodes.length);
            assertEquals("db1:3306", nodes[0].get("node"));
            assertEquals(7L, nodes[0].get("writes"));
            assertEquals(1, nodes[0].get("borrowed"));
            assertEquals(4, nodes[0].get("idle"));
            assertEquals(3L, ((javax.management.openmbean.TabularData) nodes[0].get("fallbacks"))
                    .get(new Object[] {"HINT"}).get("value"));
            assertEquals("lagging", nodes[1].get("state"));
            assertEquals(9000L, nodes[1].get("lagMillis"));
            assertEquals(2L, nodes[1].get("errors"));
            assertEquals(1L, nodes[1].get("retries"));
            CompositeData optimistic = (CompositeData) server.getAttribute(name, "OptimisticTransactions");
            assertEquals(9L, optimistic.get("started"));
            assertEquals(6L, optimistic.get("endedOnReplica"));
            assertEquals(2L, optimistic.get("moved"));
            assertEquals(1L, optimistic.get("refused"));
        } finally {
            registration.unregister();
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void aSecondClusterOfTheSameNameGetsNoMBeanAndLeavesTheFirstOneAlone() throws Exception {
        ClusterMBeanRegistration first = ClusterMBeanRegistration.register("clash-test", () -> stats("first"));
        ClusterMBeanRegistration second = ClusterMBeanRegistration.register("clash-test", () -> stats("second"));
        ObjectName name = ClusterMBeanRegistration.objectName("clash-test");
        try {
            second.unregister();
            assertTrue(server.isRegistered(name), "the second registration removed the first one's MBean");
            assertEquals(2, ((CompositeData[]) server.getAttribute(name, "Nodes")).length);
        } finally {
            first.unregister();
        }
        assertFalse(server.isRegistered(name));
    }
}
