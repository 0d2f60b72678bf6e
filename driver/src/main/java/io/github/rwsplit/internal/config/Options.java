package io.github.rwsplit.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** The rwsplit options (docs/configuration.md is generated from them): the one table everything else is derived from. */
public final class Options {
    private Options() {
    }

    private static final Duration NO_MAXIMUM = ValueTypes.MAX_DURATION;

    public static final Option<LoadBalance> LOAD_BALANCE = Option.of("loadBalance",
            ValueTypes.oneOf(LoadBalance.class), LoadBalance.ROUND_ROBIN,
            "How reads pick a replica: roundRobin, random, leastConnections (fewest borrowed connections), "
                    + "leastLatency (lowest recent response time, with exploration).");

    public static final Option<ReadAffinity> READ_AFFINITY = Option.of("readAffinity",
            ValueTypes.oneOf(ReadAffinity.class), ReadAffinity.STATEMENT,
            "statement: each read outside a transaction picks its replica by loadBalance. connection: a logical "
                    + "connection keeps reading from the replica its first read was given, as long as that replica "
                    + "may serve the read (up, within the lag limit and the read's hints, not just failed by it), and "
                    + "asks loadBalance again only when it may not: the load is spread per connection, and one "
                    + "connection's reads do not move back and forth between replicas that lag by different amounts.");

    public static final Option<List<Integer>> REPLICA_WEIGHTS = Option.derived("replicaWeights",
            ValueTypes.weights(1000), config -> List.of(), "all 1",
            "Integer weights, one per replica in URL order, for weighted round robin and weighted random; "
                    + "0 keeps a replica out of reads.");

    public static final Option<ReadFromPrimary> READ_FROM_PRIMARY = Option.of("readFromPrimary",
            ValueTypes.oneOf(ReadFromPrimary.class), ReadFromPrimary.FALLBACK,
            "fallback: the primary serves reads only while no replica is usable; never: reads fail with SQLState "
                    + "08001 when no replica is usable; always: the primary takes a share of reads like a replica.");

    public static final Option<Duration> MAX_REPLICATION_LAG = Option.of("maxReplicationLag",
            ValueTypes.duration(Duration.ZERO, NO_MAXIMUM, true), Duration.ofSeconds(5),
            "A replica whose measured lag exceeds this, or whose replication is stopped or broken, gets no reads; "
                    + "0 disables lag checks.");

    public static final Option<Duration> MONITOR_INTERVAL = Option.of("monitorInterval",
            ValueTypes.duration(Duration.ofMillis(50), Duration.ofHours(1), false), Duration.ofSeconds(1),
            "Period of the background health and lag checks (one monitor per cluster).");

    public static final Option<Duration> DOWN_AFTER = Option.of("downAfter",
            ValueTypes.duration(Duration.ofMillis(100), Duration.ofHours(1), false), Duration.ofSeconds(5),
            "How long a node that still accepts connections may miss its health checks before it counts as down "
                    + "(and at least three checks in a row). Until then a silent replica is suspect (no reads) and a "
                    + "silent primary keeps its statements and takes new writes, which wait as on a plain connection.");

    public static final Option<Duration> CLUSTER_LINGER = Option.of("clusterLinger",
            ValueTypes.duration(Duration.ZERO, Duration.ofHours(1), true), Duration.ofSeconds(30),
            "How long a cluster (its pools and monitor) stays open after its last logical connection closed, so that "
                    + "DriverManager open/close cycles reuse it; 0 closes it at once. A DataSource's close() ends it "
                    + "at once.");

    public static final Option<LagSource> LAG_SOURCE = Option.of("lagSource", ValueTypes.oneOf(LagSource.class),
            LagSource.AUTO,
            "replicaStatus: SHOW REPLICA STATUS (SHOW SLAVE STATUS on older servers); heartbeat: a row the monitor "
                    + "writes on the primary and reads on replicas (see heartbeatTable); auto: replicaStatus, or "
                    + "heartbeat when heartbeatTable is set.");

    public static final Option<String> HEARTBEAT_TABLE = Option.of("heartbeatTable", ValueTypes.tableName(),
            "rwsplit_heartbeat",
            "Table for lagSource=heartbeat, optionally schema-qualified (else in the URL's database); created if "
                    + "absent when the user may.");

    public static final Option<Boolean> READ_YOUR_WRITES = Option.of("readYourWrites", ValueTypes.bool(), true,
            "After a write on a logical connection, its later reads go only to a replica that has applied that "
                    + "write (GTID based), else to the primary.");

    public static final Option<Duration> READ_YOUR_WRITES_TIMEOUT = Option.of("readYourWritesTimeout",
            ValueTypes.duration(Duration.ZERO, Duration.ofHours(1), true), Duration.ofMillis(100),
            "How long a read may wait for a replica to catch up with the connection's last write before it goes "
                    + "to the primary.");

    public static final Option<Boolean> RETRY_READS = Option.of("retryReads", ValueTypes.bool(), true,
            "A read outside a transaction that fails with a connection error (SQLState 08...) or a socket timeout "
                    + "is retried once on another usable node; the application sees no error. Writes, COMMIT, "
                    + "query timeouts and cancelled statements are never retried.");

    public static final Option<Boolean> OPTIMISTIC_TRANSACTIONS = Option.of("optimisticTransactions",
            ValueTypes.bool(), false,
            "A read-write transaction starts on a replica; at its first statement that needs the primary it moves "
                    + "there, and its earlier reads run again on the primary and are compared with what the "
                    + "application read: equal, it goes on on the primary; different, it is rolled back with "
                    + "SQLState 40001. A transaction that never needs the primary ends on the replica. See "
                    + "docs/optimistic-transactions.md.");

    public static final Option<Integer> OPTIMISTIC_REPLAY_LIMIT = Option.of("optimisticReplayLimit",
            ValueTypes.integer(1, 10_000), 100,
            "Most reads an optimistic transaction keeps for replay (each one's SQL, parameters and a checksum of "
                    + "the rows read, never the rows); the read after the last one moves the transaction to the "
                    + "primary at once.");

    public static final Option<Integer> POOL_MAXIMUM_POOL_SIZE = Option.of("pool.maximumPoolSize",
            ValueTypes.integer(1, 10_000), 10,
            "Most physical connections per node (HikariCP maximumPoolSize).");

    public static final Option<Integer> POOL_MINIMUM_IDLE = Option.derived("pool.minimumIdle",
            ValueTypes.integer(0, 10_000), config -> config.get(POOL_MAXIMUM_POOL_SIZE),
            "same as pool.maximumPoolSize",
            "Idle physical connections each node's pool keeps ready (HikariCP minimumIdle).");

    public static final Option<Duration> POOL_CONNECTION_TIMEOUT = Option.of("pool.connectionTimeout",
            ValueTypes.duration(Duration.ofMillis(250), NO_MAXIMUM, false), Duration.ofSeconds(30),
            "Longest wait for a physical connection from a node's pool; also Connector/J's connectTimeout unless "
                    + "set (HikariCP connectionTimeout).");

    public static final Option<Duration> POOL_IDLE_TIMEOUT = Option.of("pool.idleTimeout",
            ValueTypes.duration(Duration.ofSeconds(10), NO_MAXIMUM, true), Duration.ofMinutes(10),
            "How long a connection above minimumIdle may sit idle; 0 keeps it (HikariCP idleTimeout).");

    public static final Option<Duration> POOL_MAX_LIFETIME = Option.of("pool.maxLifetime",
            ValueTypes.duration(Duration.ofSeconds(30), NO_MAXIMUM, true), Duration.ofMinutes(30),
            "Longest life of a physical connection; 0 means no limit (HikariCP maxLifetime).");

    public static final Option<Duration> POOL_KEEPALIVE_TIME = Option.of("pool.keepaliveTime",
            ValueTypes.duration(Duration.ofSeconds(30), NO_MAXIMUM, true), Duration.ofMinutes(2),
            "How often an idle connection is tested to keep it alive; 0 turns it off (HikariCP keepaliveTime).");

    public static final Option<Boolean> PRIMARY_DISCOVERY = Option.of("primaryDiscovery", ValueTypes.bool(), false,
            "Learn the primary from the servers (the one writable node that does not replicate) instead of trusting "
                    + "the URL's first host, so writes follow a promotion; two writable nodes refuse writes.");

    public static final Option<String> CLUSTER_NAME = Option.derived("clusterName", ValueTypes.text(),
            config -> config.hosts().stream().map(HostSpec::toString).collect(Collectors.joining(",")),
            "derived from the hosts", "Name of the cluster in logs, metrics and JMX.");

    public static final Option<Boolean> JMX = Option.of("jmx", ValueTypes.bool(), false,
            "Register the cluster's MBean io.github.rwsplit:type=Cluster,name=<clusterName>.");

    public static final Option<RoutingMode> ROUTING = Option.of("routing", ValueTypes.oneOf(RoutingMode.class),
            RoutingMode.SPLIT, "split: statements are routed. shadow: every statement runs on the primary, as with a "
                    + "plain Connector/J URL, while rwsplit counts where each would have run (stats, JMX, Micrometer, "
                    + "and a DEBUG line per statement): a safe first step in production.");

    private static final List<Option<?>> ALL = List.of(ROUTING, LOAD_BALANCE, READ_AFFINITY, REPLICA_WEIGHTS,
            READ_FROM_PRIMARY, MAX_REPLICATION_LAG, MONITOR_INTERVAL, DOWN_AFTER, LAG_SOURCE, HEARTBEAT_TABLE,
            READ_YOUR_WRITES, READ_YOUR_WRITES_TIMEOUT, RETRY_READS, OPTIMISTIC_TRANSACTIONS, OPTIMISTIC_REPLAY_LIMIT,
            POOL_MAXIMUM_POOL_SIZE, POOL_MINIMUM_IDLE, POOL_CONNECTION_TIMEOUT, POOL_IDLE_TIMEOUT, POOL_MAX_LIFETIME,
            POOL_KEEPALIVE_TIME, PRIMARY_DISCOVERY, CLUSTER_NAME, JMX, CLUSTER_LINGER);

    /** Every option, in the order of the reference. */
    public static List<Option<?>> all() {
        return ALL;
    }

    /** The option with this exact key, or null. */
    public static Option<?> byKey(String key) {
        for (Option<?> option : ALL) {
            if (option.key().equals(key)) {
                return option;
            }
        }
        return null;
    }
}
