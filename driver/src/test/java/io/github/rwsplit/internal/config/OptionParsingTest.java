package io.github.rwsplit.internal.config;

import static io.github.rwsplit.internal.config.Parse.CLUSTER;
import static io.github.rwsplit.internal.config.Parse.ok;
import static io.github.rwsplit.internal.config.Parse.option;
import static io.github.rwsplit.internal.config.Parse.props;
import static io.github.rwsplit.internal.config.Parse.rejectedOption;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each option's accepted text, bounds and default (docs/configuration.md). */
class OptionParsingTest {

    @Test
    void everyOptionHasItsDocumentedDefaultWhenUnset() {
        ClusterConfig config = ok(CLUSTER);
        assertEquals(LoadBalance.ROUND_ROBIN, config.get(Options.LOAD_BALANCE));
        assertEquals(ReadFromPrimary.FALLBACK, config.get(Options.READ_FROM_PRIMARY));
        assertEquals(Duration.ofSeconds(5), config.get(Options.MAX_REPLICATION_LAG));
        assertEquals(Duration.ofSeconds(1), config.get(Options.MONITOR_INTERVAL));
        assertEquals(LagSource.AUTO, config.get(Options.LAG_SOURCE));
        assertEquals("rwsplit_heartbeat", config.get(Options.HEARTBEAT_TABLE));
        assertTrue(config.get(Options.READ_YOUR_WRITES));
        assertEquals(Duration.ofMillis(100), config.get(Options.READ_YOUR_WRITES_TIMEOUT));
        assertTrue(config.get(Options.RETRY_READS));
        assertEquals(10, config.get(Options.POOL_MAXIMUM_POOL_SIZE));
        assertEquals(Duration.ofSeconds(30), config.get(Options.POOL_CONNECTION_TIMEOUT));
        assertEquals(Duration.ofMinutes(10), config.get(Options.POOL_IDLE_TIMEOUT));
        assertEquals(Duration.ofMinutes(30), config.get(Options.POOL_MAX_LIFETIME));
        assertEquals(Duration.ofMinutes(2), config.get(Options.POOL_KEEPALIVE_TIME));
        assertFalse(config.get(Options.JMX));
        for (Option<?> option : Options.all()) {
            assertFalse(config.isSet(option), option.key());
        }
    }

    @Test
    void minimumIdleDefaultsToMaximumPoolSize() {
        assertEquals(10, ok(CLUSTER).get(Options.POOL_MINIMUM_IDLE));
        ClusterConfig config = ok(CLUSTER, props("pool.maximumPoolSize", "4"));
        assertEquals(4, config.get(Options.POOL_MINIMUM_IDLE));
        assertFalse(config.isSet(Options.POOL_MINIMUM_IDLE));
        assertEquals(2, ok(CLUSTER, props("pool.maximumPoolSize", "4", "pool.minimumIdle", "2"))
                .get(Options.POOL_MINIMUM_IDLE));
    }

    @Test
    void clusterNameIsDerivedFromTheHostsInUrlOrder() {
        assertEquals("primary:3306,replica1:3307,replica2:3308", ok(CLUSTER).clusterName());
        assertEquals("[::1]:3306,db1:3307", ok("jdbc:rwsplit:mysql://[::1],db1:3307").clusterName());
        assertEquals("orders", ok(CLUSTER + "?clusterName=orders").clusterName());
    }

    @Test
    void replicaWeightsDefaultToEmptyMeaningAllEqual() {
        assertEquals(List.of(), ok(CLUSTER).get(Options.REPLICA_WEIGHTS));
        assertEquals(List.of(), ok("jdbc:rwsplit:mysql://only").get(Options.REPLICA_WEIGHTS));
    }

    @Test
    void derivedDefaultsAreDescribedInWordsAndHaveNoFixedValue() {
        for (Option<?> option : List.of(Options.REPLICA_WEIGHTS, Options.POOL_MINIMUM_IDLE, Options.CLUSTER_NAME)) {
            assertNull(option.defaultValue(), option.key());
        }
        assertEquals("same as pool.maximumPoolSize", Options.POOL_MINIMUM_IDLE.defaultText());
        assertEquals("5s", Options.MAX_REPLICATION_LAG.defaultText());
        assertEquals("roundRobin", Options.LOAD_BALANCE.defaultText());
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "1m, 60000", "1h, 3600000", "750, 750", "2S, 2000", "'  3s ', 3000",
            "'4 s', 4000", "1500MS, 1500", "0, 0", "0ms, 0", "0s, 0"})
    void durationsAcceptUnitsOrBareMilliseconds(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), option(Options.MAX_REPLICATION_LAG, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "1.5s", "2 sec", "s", "", " ", "1d", "2ms3", "0x10", "1e3", "9999999999999",
            "\u0663s"})
    void malformedDurationsAreRejectedWithTheAcceptedForm(String text) {
        String message = rejectedOption("maxReplicationLag", text);
        assertTrue(message.contains("'maxReplicationLag'"), message);
        assertTrue(message.contains("'" + text + "'"), message);
        assertTrue(message.contains("a duration such as 500ms, 2s or 1m (a bare number means milliseconds)"), message);
    }

    @ParameterizedTest
    @CsvSource({
            // key, lowest accepted, highest accepted or '' without a maximum, too low, too high or ''
            "monitorInterval, 50ms, 1h, 49ms, 3600001",
            "readYourWritesTimeout, 0, 1h, , 61m",
            "maxReplicationLag, 0, 8760h, , 8761h",
            "pool.connectionTimeout, 250ms, 8760h, 249, 8761h",
            "pool.idleTimeout, 10s, 8760h, 9999, 8761h",
            "pool.maxLifetime, 30s, 8760h, 29s, 8761h",
            "pool.keepaliveTime, 30s, 8760h, 29s, 8761h"})
    void durationsStayWithinTheirBounds(String key, String lowest, String highest, String tooLow, String tooHigh) {
        Option<?> option = Options.byKey(key);
        assertEquals(ValueTypes.parseDuration(lowest), option(option, lowest));
        assertEquals(ValueTypes.parseDuration(highest), option(option, highest));
        if (tooLow != null) {
            assertTrue(rejectedOption(key, tooLow).contains(option.type().accepted()));
        }
        assertTrue(rejectedOption(key, tooHigh).contains(option.type().accepted()));
    }

    @ParameterizedTest
    @CsvSource({"maxReplicationLag, true", "readYourWritesTimeout, true", "pool.idleTimeout, true",
            "pool.maxLifetime, true", "pool.keepaliveTime, true", "monitorInterval, false",
            "pool.connectionTimeout, false"})
    void zeroIsAcceptedOnlyWhereItMeansOff(String key, boolean zeroAllowed) {
        Option<?> option = Options.byKey(key);
        if (zeroAllowed) {
            assertEquals(Duration.ZERO, option(option, "0"));
        } else {
            assertTrue(rejectedOption(key, "0").contains("invalid value '0' for option '" + key + "'"));
        }
    }

    @Test
    void durationBoundsAreSpelledInTheAcceptedForm() {
        assertEquals("a duration such as 500ms, 2s or 1m (a bare number means milliseconds), from 50ms to 1h",
                Options.MONITOR_INTERVAL.type().accepted());
        assertEquals("a duration such as 500ms, 2s or 1m (a bare number means milliseconds), at least 10s, or 0",
                Options.POOL_IDLE_TIMEOUT.type().accepted());
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "10000, 10000", "' 7 ', 7"})
    void maximumPoolSizeIsAnIntegerFrom1To10000(String text, int value) {
        assertEquals(value, option(Options.POOL_MAXIMUM_POOL_SIZE, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "10001", "-1", "ten", "1.0", "", "2147483648"})
    void maximumPoolSizeRejectsOtherText(String text) {
        assertTrue(rejectedOption("pool.maximumPoolSize", text).endsWith("expected an integer from 1 to 10000"));
    }

    @Test
    void minimumIdleMayBeZero() {
        assertEquals(0, option(Options.POOL_MINIMUM_IDLE, "0"));
        assertTrue(rejectedOption("pool.minimumIdle", "-1").endsWith("expected an integer from 0 to 10000"));
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "yes, true", "Yes, true", "' true ', true", "false, false",
            "False, false", "no, false", "NO, false"})
    void booleansAcceptTrueFalseYesNoInAnyCase(String text, boolean value) {
        assertEquals(value, option(Options.JMX, text));
        assertEquals(value, option(Options.READ_YOUR_WRITES, text));
        assertEquals(value, option(Options.RETRY_READS, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "0", "on", "off", "y", "", "truee"})
    void booleansRejectOtherText(String text) {
        assertTrue(rejectedOption("retryReads", text).endsWith("expected true or false (yes and no also work)"));
    }

    @ParameterizedTest
    @CsvSource({"roundRobin, ROUND_ROBIN", "random, RANDOM", "leastConnections, LEAST_CONNECTIONS",
            "leastLatency, LEAST_LATENCY", "LEASTLATENCY, LEAST_LATENCY", "roundrobin, ROUND_ROBIN",
            "' random ', RANDOM"})
    void loadBalanceNamesAreCaseInsensitive(String text, LoadBalance value) {
        assertEquals(value, option(Options.LOAD_BALANCE, text));
    }

    @ParameterizedTest
    @CsvSource({"fallback, FALLBACK", "never, NEVER", "ALWAYS, ALWAYS"})
    void readFromPrimaryNamesAreCaseInsensitive(String text, ReadFromPrimary value) {
        assertEquals(value, option(Options.READ_FROM_PRIMARY, text));
    }

    @ParameterizedTest
    @CsvSource({"auto, AUTO", "replicaStatus, REPLICA_STATUS", "REPLICASTATUS, REPLICA_STATUS",
            "heartbeat, HEARTBEAT"})
    void lagSourceNamesAreCaseInsensitive(String text, LagSource value) {
        assertEquals(value, option(Options.LAG_SOURCE, text));
    }

    @Test
    void enumsRejectOtherNamesAndListTheChoices() {
        assertTrue(rejectedOption("loadBalance", "least_latency")
                .endsWith("expected one of roundRobin, random, leastConnections, leastLatency"));
        assertTrue(rejectedOption("loadBalance", "ROUND_ROBIN").contains("'ROUND_ROBIN'"));
        assertTrue(rejectedOption("readFromPrimary", "sometimes").endsWith("expected one of fallback, never, always"));
        assertTrue(rejectedOption("lagSource", "").endsWith("expected one of auto, replicaStatus, heartbeat"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"3,1; 3; 1", "' 2 , 0 '; 2; 0", "0,1000; 0; 1000"})
    void replicaWeightsAreOneIntegerPerReplica(String text, int first, int second) {
        assertEquals(List.of(first, second), option(Options.REPLICA_WEIGHTS, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0,0", "1001,1", "-1,1", "1,,1", "a,b", "", "1;2", "1.5,1", "1,"})
    void replicaWeightsRejectOtherText(String text) {
        assertTrue(rejectedOption("replicaWeights", text)
                .endsWith("expected comma-separated integers from 0 to 1000, one per replica in URL order, at least one"
                        + " above 0 (e.g. 3,1)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rwsplit_heartbeat", "ops.heartbeat", "t$1", "T", "Ops_1.Beat_2",
            "a234567890123456789012345678901234567890123456789012345678901234"})
    void heartbeatTableAcceptsPlainIdentifiersOptionallySchemaQualified(String text) {
        assertEquals(text, option(Options.HEARTBEAT_TABLE, text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"t;DROP TABLE x", "t; DROP TABLE x", "t--", "t/**/", "`t`", "\"t\"", "t x", "a.b.c",
            "ops.", ".t", "", "t'", "t)", "t\u0000bl", "a2345678901234567890123456789012345678901234567890123456789012345",
            "s\u00e9ance"})
    void heartbeatTableRejectsAnythingThatCouldChangeTheSql(String text) {
        assertTrue(rejectedOption("heartbeatTable", text)
                .endsWith("expected a table name, optionally schema-qualified (schema.table), of letters, digits, _"
                        + " and $"));
    }

    @Test
    void clusterNameIsPrintableTextOfUpTo200Characters() {
        assertEquals("orders eu-1", option(Options.CLUSTER_NAME, "orders eu-1"));
        assertEquals("trimmed", option(Options.CLUSTER_NAME, "  trimmed "));
        assertEquals("x".repeat(200), option(Options.CLUSTER_NAME, "x".repeat(200)));
        for (String bad : List.of("", "   ", "x".repeat(201), "a\u0001b", "a\nb", "a\u007fb")) {
            assertTrue(rejectedOption("clusterName", bad).endsWith("expected a non-empty name of up to 200 printable"
                    + " characters"), bad);
        }
    }

    @Test
    void optionsSetInTheUrlAndInPropertiesParseTheSame() {
        assertEquals(ok(CLUSTER + "?loadBalance=random&maxReplicationLag=2s&pool.maximumPoolSize=3"),
                ok(CLUSTER, props("loadBalance", "random", "maxReplicationLag", "2s", "pool.maximumPoolSize", "3")));
    }

    @Test
    void optionKeysAreExactAndUnique() {
        for (Option<?> option : Options.all()) {
            assertEquals(option, Options.byKey(option.key()));
            assertNull(Options.byKey(option.key().toUpperCase(java.util.Locale.ROOT)));
        }
        assertEquals(Options.all().size(), Options.all().stream().map(Option::key).distinct().count());
        assertNull(Options.byKey("nonsense"));
    }

    @Test
    void everyDefaultIsAValueItsOwnTypeAccepts() throws ConfigProblem {
        for (Option<?> option : Options.all()) {
            if (option.defaultValue() != null) {
                assertEquals(option.defaultValue(), option.type().parse(option.key(), option.defaultText()),
                        option.key());
            }
        }
    }
}
