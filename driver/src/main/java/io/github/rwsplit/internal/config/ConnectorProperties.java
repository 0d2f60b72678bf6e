package io.github.rwsplit.internal.config;

import com.mysql.cj.conf.PropertyDefinition;
import com.mysql.cj.conf.PropertyDefinitions;
import com.mysql.cj.conf.PropertyKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connector/J's own property list, read from Connector/J itself so it never drifts: which keys pass through to every
 * node, and whether a value is one Connector/J would accept. Keys are case-sensitive, as in Connector/J. The list lives
 * in Connector/J's internals ({@code PropertyKey}, {@code PropertyDefinitions}, {@code PropertyDefinition}); this class
 * is their one user, so a Connector/J release that changes them breaks this class and its test, nothing else.
 */
final class ConnectorProperties {
    /** Keys that describe the URL itself; the rwsplit URL sets them per node. */
    private static final Set<String> URL_STRUCTURE = Set.of("host", "port", "protocol", "path", "type", "address",
            "priority", "dbname");
    /** Keys whose values must never be echoed. */
    private static final Set<String> SECRETS = Set.of("password", "password1", "password2", "password3",
            "trustCertificateKeyStorePassword", "clientCertificateKeyStorePassword", "fidoKeyStorePassword");

    private ConnectorProperties() {
    }

    /**
     * The key as Connector/J files it: the few keys it reads case-insensitively ({@code user}, {@code password}, ...)
     * in their canonical spelling, so that {@code USER} in the URL and {@code user} in the properties are one key with
     * one precedence, as in Connector/J. Every other key is returned as given.
     */
    static String normalize(String key) {
        return PropertyKey.normalizeCase(key);
    }

    static boolean isUrlStructure(String key) {
        return URL_STRUCTURE.contains(key);
    }

    static boolean isSecret(String key) {
        return SECRETS.contains(key) || key.toLowerCase(java.util.Locale.ROOT).contains("password");
    }

    /** The definition Connector/J has for this key, by name or alias; null when it knows none. */
    static PropertyDefinition<?> definition(String key) {
        PropertyKey known = PropertyKey.fromValue(key);
        if (known == null) {
            for (PropertyKey candidate : PropertyKey.values()) {
                if (key.equals(candidate.getCcAlias())) {
                    known = candidate;
                    break;
                }
            }
        }
        return known == null || isUrlStructure(known.getKeyName()) ? null
                : PropertyDefinitions.getPropertyDefinition(known);
    }

    /**
     * A property's value as Connector/J reads it from {@code settings}: the one given under its name or alias, parsed by
     * Connector/J's definition, else Connector/J's default. The settings were validated when the URL was read.
     */
    static Object value(Map<String, String> settings, String key) {
        PropertyDefinition<?> definition = definition(key);
        String given = settings.get(definition.getName());
        if (given == null && definition.getCcAlias() != null) {
            given = settings.get(definition.getCcAlias());
        }
        return given == null ? definition.getDefaultValue() : definition.parseObject(given, null);
    }

    static boolean knows(String key) {
        return definition(key) != null;
    }

    /** Every key Connector/J accepts, for "did you mean" suggestions. */
    static List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (PropertyKey key : PropertyKey.values()) {
            if (!isUrlStructure(key.getKeyName()) && PropertyDefinitions.getPropertyDefinition(key) != null) {
                keys.add(key.getKeyName());
            }
        }
        return keys;
    }

    /**
     * Checks a value the way Connector/J would when connecting, so a typo fails at once with our message instead of at
     * each node's first connection.
     */
    static void validate(String key, String value) throws ConfigProblem {
        PropertyDefinition<?> definition = definition(key);
        if (definition == null || value == null) {
            return;
        }
        Object parsed;
        try {
            parsed = definition.parseObject(value, null);
        } catch (RuntimeException e) {
            throw new ConfigProblem("invalid value '" + (isSecret(key) ? "****" : value) + "' for Connector/J property '"
                    + key + "': " + String.valueOf(e.getMessage()).replace(value, isSecret(key) ? "****" : value));
        }
        if (definition.isRangeBased() && parsed instanceof Number number) {
            long n = number.longValue();
            if (n < definition.getLowerBound() || n > definition.getUpperBound()) {
                throw new ConfigProblem("invalid value '" + value + "' for Connector/J property '" + key
                        + "': expected an integer from " + definition.getLowerBound() + " to "
                        + definition.getUpperBound());
            }
        }
    }
}
