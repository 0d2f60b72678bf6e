package io.github.rwsplit.internal.config;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One cluster's configuration, typed and immutable, built once from the URL and properties. Two configurations are
 * equal when they would build the same cluster: same hosts, database, options and Connector/J properties, password
 * included, so connections with other credentials never share pools.
 */
public final class ClusterConfig {
    private final List<HostSpec> hosts;
    private final String database;
    private final Map<Option<?>, Object> values;
    private final Map<String, String> connector;

    ClusterConfig(List<HostSpec> hosts, String database, Map<Option<?>, Object> values, Map<String, String> connector) {
        this.hosts = List.copyOf(hosts);
        this.database = database;
        this.values = Map.copyOf(values);
        this.connector = Map.copyOf(new TreeMap<>(connector));
    }

    public List<HostSpec> hosts() {
        return hosts;
    }

    public HostSpec primary() {
        return hosts.get(0);
    }

    public List<HostSpec> replicas() {
        return hosts.subList(1, hosts.size());
    }

    /** The URL's database, or null when it names none. */
    public String database() {
        return database;
    }

    /** The option's value: as set, else its default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object value = values.get(option);
        return value != null ? (T) value : option.defaultFor(this);
    }

    /** Whether the URL or properties set this option (as opposed to its default applying). */
    public boolean isSet(Option<?> option) {
        return values.containsKey(option);
    }

    public String clusterName() {
        return get(Options.CLUSTER_NAME);
    }

    /** Every property handed to Connector/J, user and password included; a copy the caller may change. */
    public Properties connectorProperties() {
        Properties properties = new Properties();
        properties.putAll(connector);
        return properties;
    }

    /** One Connector/J property as given in the URL or properties, or null. */
    public String connectorProperty(String key) {
        return connector.get(key);
    }

    /**
     * One Connector/J property as Connector/J reads it: the value given (by name or alias), or Connector/J's default,
     * typed as Connector/J types it (Boolean, Integer, String, ...).
     */
    public Object connectorValue(String key) {
        return ConnectorProperties.value(connector, key);
    }

    public String user() {
        return connector.get("user");
    }

    /**
     * The plain Connector/J URL of one node. The database is percent-encoded again, because Connector/J decodes the
     * path: a name holding '?', '/', '%' or '+' would otherwise reach the server as another name.
     */
    public String connectorUrl(HostSpec host) {
        return "jdbc:mysql://" + host.urlHost() + ":" + host.port() + "/"
                + (database == null ? "" : URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof ClusterConfig other && hosts.equals(other.hosts)
                && Objects.equals(database, other.database) && values.equals(other.values)
                && connector.equals(other.connector);
    }

    @Override
    public int hashCode() {
        return Objects.hash(hosts, database, values, connector);
    }

    /** Readable and safe to log: secrets are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        values.forEach((option, value) -> shown.put(option.key(), format(option, value)));
        connector.forEach((key, value) -> shown.put(key, ConnectorProperties.isSecret(key) ? "****" : value));
        return "ClusterConfig" + hosts + (database == null ? "" : "/" + database) + shown;
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(Option<T> option, Object value) {
        return option.type().format((T) value);
    }

    static Map<Option<?>, Object> newValues() {
        return new HashMap<>();
    }
}
