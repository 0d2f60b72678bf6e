package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.ok;
import static io.github.rwsplit.internal.config.Parse.props;
import static io.github.rwsplit.internal.config.Parse.rejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.conf.PropertyDefinition;
import com.mysql.cj.conf.PropertyDefinitions;
import com.mysql.cj.conf.PropertyKey;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Options of Connector/J's replication and load-balancing connections never pass through to the single-host
 * connections, where they would do nothing: each is translated, accepted as what rwsplit always does, or refused.
 */
class ReplicationDriverOptionsTest {

    @ParameterizedTest
    @CsvSource({"readFromSourceWhenNoReplicas, true", "readFromMasterWhenNoSlaves, TRUE",
            "readFromSourceWhenNoReplicas, yes"})
    void readingFromTheSourceWhenNoReplicasBecomesReadFromPrimaryFallback(String key, String value) {
        ClusterConfig config = ok(CLUSTER + "?" + key + "=" + value);
        assertTrue(config.isSet(Options.READ_FROM_PRIMARY));
        assertEquals(ReadFromPrimary.FALLBACK, config.get(Options.READ_FROM_PRIMARY));
        assertFalse(config.connectorProperties().containsKey(key), "never handed to Connector/J");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ha.loadBalanceStrategy", "haLoadBalanceStrategy", "loadBalanceStrategy"})
    void theRandomBalancingStrategyBecomesLoadBalanceRandom(String key) {
        ClusterConfig config = ok(CLUSTER, props(key, "random"));
        assertEquals(LoadBalance.RANDOM, config.get(Options.LOAD_BALANCE));
        assertTrue(config.connectorProperties().isEmpty());
    }

    @ParameterizedTest
    @CsvSource({"allowSourceDownConnections, true", "allowMasterDownConnections, true",
            "allowReplicaDownConnections, true", "allowSlaveDownConnections, yes",
            "pinGlobalTxToPhysicalConnection, true", "autoReconnect, false", "ha.enableJMX, false",
            "selfDestructOnPingMaxOperations, 0"})
    void valuesThatAskForWhatRwsplitAlwaysDoesAreAcceptedAndChangeNothing(String key, String value) {
        ClusterConfig config = ok(CLUSTER + "?" + key + "=" + value);
        assertEquals(ok(CLUSTER), config);
        assertTrue(config.connectorProperties().isEmpty());
    }

    @Test
    void aValueWithoutAnExactEquivalentIsRefusedNamingTheRwsplitOption() {
        assertEquals("rwsplit: 'readFromSourceWhenNoReplicas=false' is an option of Connector/J's replication and"
                + " load-balancing connections, which rwsplit does not use: use readFromPrimary: fallback (the"
                + " default) lets the primary serve reads while no replica is usable, never makes such reads fail"
                + " with SQLState 08001 (see docs/migration.md)",
                rejected(CLUSTER + "?readFromSourceWhenNoReplicas=false"));
        assertTrue(rejected(CLUSTER + "?ha.loadBalanceStrategy=bestResponseTime").contains(
                "use loadBalance (roundRobin, random, leastConnections or leastLatency;"));
        assertTrue(rejected(CLUSTER + "?allowSourceDownConnections=false").contains(
                "rwsplit always opens connections while the primary is down"));
        assertTrue(rejected(CLUSTER + "?ha.enableJMX=true").contains("use jmx=true"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "replicationConnectionGroup=orders | clusterName",
            "loadBalanceBlocklistTimeout=5000 | monitorInterval",
            "loadBalanceBlacklistTimeout=5000 | monitorInterval",
            "secondsBeforeRetryMaster=30 | primaryDiscovery=true",
            "queriesBeforeRetrySource=50 | writes fail fast",
            "autoReconnect=true | retryReads",
            "maxReconnects=3 | retryReads",
            "loadBalanceAutoCommitStatementThreshold=5 | statement by statement",
            "selfDestructOnPingSecondsLifetime=600 | pool.maxLifetime",
            "resourceId=orders | XADataSource"})
    void optionsRwsplitHasNoUseForAreRefusedWithWhatToUseInstead(String setting, String pointer) {
        String message = rejected(CLUSTER + "?" + setting);
        assertTrue(message.startsWith("rwsplit: '" + setting + "' is an option of Connector/J's replication"),
                message);
        assertTrue(message.contains(pointer), message);
        assertTrue(message.endsWith("(see docs/migration.md)"), message);
    }

    @Test
    void refusedInThePropertiesAsInTheUrl() {
        assertTrue(rejected(CLUSTER, props("autoReconnect", "true")).contains("'autoReconnect=true'"));
    }

    @Test
    void aTranslationThatContradictsTheRwsplitOptionIsRefused() {
        assertEquals("rwsplit: 'readFromMasterWhenNoSlaves=true' means readFromPrimary=fallback, but readFromPrimary is"
                + " also set to another value: keep only readFromPrimary",
                rejected(CLUSTER + "?readFromPrimary=never&readFromMasterWhenNoSlaves=true"));
        assertEquals(LoadBalance.RANDOM,
                ok(CLUSTER + "?loadBalance=random&loadBalanceStrategy=random").get(Options.LOAD_BALANCE));
    }

    /** A Connector/J upgrade that adds a high-availability option must not let it pass through unnoticed. */
    @Test
    void everyHighAvailabilityPropertyOfConnectorJIsCovered() {
        List<String> missing = new ArrayList<>();
        for (PropertyKey key : PropertyKey.values()) {
            PropertyDefinition<?> definition = PropertyDefinitions.getPropertyDefinition(key);
            if (definition == null || !PropertyDefinitions.CATEGORY_HA.equals(definition.getCategory())) {
                continue;
            }
            for (String name : key.getCcAlias() == null ? List.of(key.getKeyName())
                    : List.of(key.getKeyName(), key.getCcAlias())) {
                if (!ReplicationDriverOptions.covers(name)) {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
