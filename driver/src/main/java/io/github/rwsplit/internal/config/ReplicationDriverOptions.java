package io.github.rwsplit.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The options of Connector/J's replication, load-balancing and failover connections ({@code jdbc:mysql:replication://}
 * and the like), in today's spelling and the old master/slave one. Connector/J accepts them on any URL, so handed to the
 * single-host connections rwsplit opens they would pass without a word and do nothing. Each is settled here instead:
 * a value that means what an rwsplit option means becomes that option; a value that asks for what rwsplit always does
 * is accepted and changes nothing; anything else is refused with the rwsplit way to get it.
 *
 * <p>One instance collects the translations of one URL and its properties, so that a translation and the rwsplit
 * option it stands for, both given, are checked against each other once every key has been read.
 */
final class ReplicationDriverOptions {
    static final String GUIDE = "docs/migration.md";

    /** What an accepted value becomes: an rwsplit option's value, or, with no option, nothing to change. */
    private record Meaning(Option<?> option, String value) {
    }

    /** The values a key accepts, lower-cased, and what to say when it is given another. */
    private record Rule(Map<String, Meaning> accepted, String instead) {
    }

    private record Pending(String given, String value) {
    }

    private static final Meaning UNCHANGED = new Meaning(null, null);
    private static final Map<String, Rule> RULES = rules();

    /** The rwsplit options that accepted keys stand for, with the key and value that asked for each. */
    private final Map<Option<?>, Pending> pending = new LinkedHashMap<>();

    /** Whether this key is one of Connector/J's replication, load-balancing or failover options. */
    static boolean covers(String key) {
        return RULES.containsKey(key);
    }

    /**
     * Reads one key, which {@link #covers} must know.
     *
     * @throws ConfigProblem naming the key, its value and what to use instead, when rwsplit cannot honour the value
     */
    void take(String key, String value) throws ConfigProblem {
        Rule rule = RULES.get(key);
        Meaning meaning = rule.accepted().get(normalized(value));
        if (meaning == null) {
            throw new ConfigProblem("'" + key + "=" + value + "' is an option of Connector/J's replication and"
                    + " load-balancing connections, which rwsplit does not use: " + rule.instead() + " (see " + GUIDE
                    + ")");
        }
        if (meaning.option() != null) {
            pending.put(meaning.option(), new Pending(key + "=" + value, meaning.value()));
        }
    }

    /**
     * Sets the rwsplit options the accepted keys stand for.
     *
     * @throws ConfigProblem when the same rwsplit option was also set, to another value
     */
    void applyTo(Map<Option<?>, Object> values) throws ConfigProblem {
        for (Map.Entry<Option<?>, Pending> entry : pending.entrySet()) {
            Option<?> option = entry.getKey();
            Pending given = entry.getValue();
            Object meant = option.type().parse(option.key(), given.value());
            Object set = values.get(option);
            if (set != null && !set.equals(meant)) {
                throw new ConfigProblem("'" + given.given() + "' means " + option.key() + "=" + given.value()
                        + ", but " + option.key() + " is also set to another value: keep only " + option.key());
            }
            values.put(option, meant);
        }
    }

    private static String normalized(String value) {
        String lower = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "yes" -> "true";
            case "no" -> "false";
            default -> lower;
        };
    }

    private static Map<String, Rule> rules() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        String monitor = "rwsplit's health monitor decides which nodes serve, checking each every monitorInterval;"
                + " a node that fails in use leaves rotation at once and rejoins after one successful check"
                + " (monitorInterval, downAfter, maxReplicationLag)";
        String noFailover = "rwsplit never moves writes to a replica: while the primary is down writes fail fast with"
                + " SQLState 08001 and reads go on on the replicas; writes return to the primary at its first"
                + " successful check, and primaryDiscovery=true follows a promoted primary";
        String noReconnect = "rwsplit replaces a broken physical connection itself (it is discarded from its node's"
                + " pool) and retries a read outside a transaction once on another node (retryReads); a connection"
                + " that reconnected behind its back would lose the session state rwsplit keeps for it";

        add(rules, List.of("readFromSourceWhenNoReplicas", "readFromMasterWhenNoSlaves"),
                Map.of("true", new Meaning(Options.READ_FROM_PRIMARY, "fallback")),
                "use readFromPrimary: fallback (the default) lets the primary serve reads while no replica is usable,"
                        + " never makes such reads fail with SQLState 08001");
        add(rules, List.of("ha.loadBalanceStrategy", "haLoadBalanceStrategy", "loadBalanceStrategy"),
                Map.of("random", new Meaning(Options.LOAD_BALANCE, "random")),
                "use loadBalance (roundRobin, random, leastConnections or leastLatency; leastLatency is the nearest"
                        + " to bestResponseTime), with replicaWeights for weights");
        add(rules, List.of("allowSourceDownConnections", "allowMasterDownConnections"), Map.of("true", UNCHANGED),
                "rwsplit always opens connections while the primary is down (reads go to replicas, writes fail with"
                        + " SQLState 08001 until it is back); remove the option");
        add(rules, List.of("allowReplicaDownConnections", "allowSlaveDownConnections"), Map.of("true", UNCHANGED),
                "rwsplit always opens connections while no replica is up, and readFromPrimary decides where reads"
                        + " go meanwhile; remove the option");
        add(rules, List.of("replicationConnectionGroup", "loadBalanceConnectionGroup"), Map.of(),
                "rwsplit has no connection groups to change at run time: the URL lists the nodes, and clusterName"
                        + " names the cluster in logs, metrics and its MBean (jmx=true)");
        add(rules, List.of("ha.enableJMX", "haEnableJMX", "loadBalanceEnableJMX", "replicationEnableJMX"),
                Map.of("false", UNCHANGED),
                "use jmx=true for rwsplit's MBean io.github.rwsplit:type=Cluster,name=<clusterName> (node states and"
                        + " counters, no host management)");
        add(rules, List.of("loadBalanceBlocklistTimeout", "loadBalanceBlacklistTimeout", "loadBalancePingTimeout",
                "loadBalanceValidateConnectionOnSwapServer", "loadBalanceExceptionChecker",
                "loadBalanceSQLStateFailover", "loadBalanceSQLExceptionSubclassFailover",
                "loadBalanceHostRemovalGracePeriod", "retriesAllDown", "serverAffinityOrder"), Map.of(), monitor);
        add(rules, List.of("loadBalanceAutoCommitStatementThreshold", "loadBalanceAutoCommitStatementRegex",
                "roundRobinLoadBalance"), Map.of(),
                "rwsplit places every statement on its own, so reads outside transactions spread over the replicas"
                        + " statement by statement (loadBalance)");
        add(rules, List.of("queriesBeforeRetrySource", "queriesBeforeRetryMaster", "secondsBeforeRetrySource",
                "secondsBeforeRetryMaster", "failOverReadOnly"), Map.of(), noFailover);
        add(rules, List.of("autoReconnect", "autoReconnectForPools", "reconnectAtTxEnd"), Map.of("false", UNCHANGED),
                noReconnect);
        add(rules, List.of("maxReconnects", "initialTimeout"), Map.of(), noReconnect);
        add(rules, List.of("selfDestructOnPingMaxOperations", "selfDestructOnPingSecondsLifetime"),
                Map.of("0", UNCHANGED),
                "use pool.maxLifetime to retire physical connections after a time");
        add(rules, List.of("pinGlobalTxToPhysicalConnection"), Map.of("true", UNCHANGED),
                "rwsplit always keeps an XA transaction on one primary session; remove the option");
        add(rules, List.of("resourceId"), Map.of(),
                "rwsplit offers no XADataSource; XA statements run on one primary session");
        return Map.copyOf(rules);
    }

    private static void add(Map<String, Rule> rules, List<String> keys, Map<String, Meaning> accepted,
                            String instead) {
        Rule rule = new Rule(accepted, instead);
        for (String key : keys) {
            rules.put(key, rule);
        }
    }
}
