package io.github.rwsplit.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.metrics.OptimisticStats;
import io.github.rwsplit.metrics.ShadowStats;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The health decision: DOWN exactly when no primary can take writes, with every node's state in the details. */
class ClusterHealthTest {

    @Test
    void everyNodeUp_isUp_withRoleStateAndLagPerNode() {
        ClusterHealth health = ClusterHealth.of(stats(node("db1:3306", "primary", "up", "", -1),
                node("db2:3306", "replica", "up", "", 12), node("db3:3306", "replica", "up", "", 0)));

        assertEquals(ClusterHealth.Status.UP, health.status());
        assertEquals("orders", health.details().get("cluster"));
        assertEquals("db1:3306", health.details().get("primary"));
        assertEquals(2L, health.details().get("replicasUp"));
        assertEquals(Map.of("role", "replica", "state", "up", "lagMillis", 12L), nodes(health).get("db2:3306"));
        assertEquals(Map.of("role", "primary", "state", "up"), nodes(health).get("db1:3306"), "no lag on a primary");
        assertFalse(health.details().containsKey("reason"));
    }

    @Test
    void everyReplicaDownOrLagging_isStillUp_sinceWritesAreServed_andTheDetailsSayWhy() {
        ClusterHealth health = ClusterHealth.of(stats(node("db1:3306", "primary", "up", "", -1),
                node("db2:3306", "replica", "down", "Connection refused", -1),
                node("db3:3306", "replica", "lagging", "42 s behind (maxReplicationLag 10 s)", 42_000)));

        assertEquals(ClusterHealth.Status.UP, health.status());
        assertEquals(0L, health.details().get("replicasUp"));
        assertEquals(Map.of("role", "replica", "state", "down", "detail", "Connection refused"),
                nodes(health).get("db2:3306"));
        assertEquals("lagging", nodes(health).get("db3:3306").get("state"));
    }

    @Test
    void primaryDown_isDown_namingThePrimary() {
        ClusterHealth health = ClusterHealth.of(stats(node("db1:3306", "primary", "down", "Connection refused", -1),
                node("db2:3306", "replica", "up", "", 0)));

        assertEquals(ClusterHealth.Status.DOWN, health.status());
        assertEquals("the primary db1:3306 is down: writes cannot be served", health.details().get("reason"));
        assertEquals("down", nodes(health).get("db1:3306").get("state"));
    }

    @Test
    void aSuspectPrimary_isUp_sinceStatementsStillWaitOnItAsOnAPlainConnection() {
        ClusterHealth health = ClusterHealth.of(stats(node("db1:3306", "primary", "suspect", "missed a check", -1)));

        assertEquals(ClusterHealth.Status.UP, health.status());
        assertEquals("suspect", nodes(health).get("db1:3306").get("state"));
    }

    @Test
    void noNodeIsThePrimary_isDown() {
        ClusterHealth health = ClusterHealth.of(stats(node("db1:3306", "replica", "up", "", 0),
                node("db2:3306", "replica", "up", "", 0)));

        assertEquals(ClusterHealth.Status.DOWN, health.status());
        assertEquals("no node is the primary: writes cannot be served", health.details().get("reason"));
        assertFalse(health.details().containsKey("primary"));
    }

    @Test
    void beforeTheFirstConnection_isUnknown() {
        ClusterHealth health = ClusterHealth.of(new ClusterSource.OfDataSource("dataSource",
                new RwSplitDataSource("jdbc:rwsplit:mysql://db1,db2/app")));

        assertEquals(ClusterHealth.Status.UNKNOWN, health.status());
        assertTrue(health.details().get("reason").toString().contains("no connection has opened the cluster yet"));
    }

    @Test
    void aPoolWhoseUrlIsMalformed_isDown_withTheDriversMessage() {
        ClusterHealth health = ClusterHealth.of(new ClusterSource.OfPool("dataSource", new RwSplitDataSource(),
                "jdbc:rwsplit:mysql://db1/app?loadBalance=fastest", new Properties()));

        assertEquals(ClusterHealth.Status.DOWN, health.status());
        assertTrue(health.details().get("error").toString().contains("loadBalance"), health.details().toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> nodes(ClusterHealth health) {
        return (Map<String, Map<String, Object>>) health.details().get("nodes");
    }

    private static ClusterStats stats(NodeStats... nodes) {
        return new ClusterStats("orders", List.of(nodes), 0, 0, new OptimisticStats(0, 0, 0, 0), ShadowStats.NONE);
    }

    private static NodeStats node(String name, String role, String state, String detail, long lagMillis) {
        return new NodeStats(name, role, state, detail, lagMillis, 0, 0, 0, 0, Map.of(), 0, 0);
    }
}
