package io.github.rwsplit.internal.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.DriverPropertyInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code jdbc:rwsplit:mysql://PRIMARY[:PORT][,REPLICA[:PORT]]...[/DATABASE][?KEY=VALUE[&KEY=VALUE]...]} and the
 * properties given with it into a {@link ClusterConfig}. Every problem is a {@link ConfigProblem} (SQLState 01S00)
 * naming what is wrong and what is accepted.
 *
 * <p>Precedence follows Connector/J: a key in the Properties overrides the same key in the URL's query, and user and
 * password written before the hosts ({@code user:password@host}) override both.
 */
public final class RwSplitUrl {
    public static final String PREFIX = "jdbc:rwsplit:";
    private static final String SCHEME = "mysql://";
    private static final String FORM = "jdbc:rwsplit:mysql://PRIMARY[:PORT][,REPLICA[:PORT]]...[/DATABASE]"
            + "[?KEY=VALUE[&KEY=VALUE]...]";
    private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password[0-9]?=)[^&]*");
    /**
     * From the user's ':' to the last '@' before the database or query, the way {@link #parse} splits the user info, so
     * that a password holding ',', ':' or '@' is masked whole.
     */
    private static final Pattern USERINFO_IN_URL = Pattern.compile("(//[^/?:]*:)[^/?]*@");

    private RwSplitUrl() {
    }

    /** True only for rwsplit URLs; null-safe. */
    public static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The URL with every password replaced by ****, for messages and logs. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        return USERINFO_IN_URL.matcher(PASSWORD_IN_URL.matcher(url).replaceAll("$1****")).replaceAll("$1****@");
    }

    public static ClusterConfig parse(String url, Properties info) throws ConfigProblem {
        try {
            return parseAndCheck(url, info);
        } catch (ConfigProblem problem) {
            throw withoutSecrets(url, problem);
        }
    }

    /**
     * Messages quote pieces of the URL (a host, a key, the database name), and where a URL is broken in an unexpected
     * place such a piece may hold a password ({@code mysql://app//u:secret@db0} has the database
     * {@code /u:secret@db0}). Whatever {@link #mask} hides is cut from the message too, so that no message shows more
     * of the URL than its masked form. Texts shorter than four characters are left: cut out, they would take letters
     * out of every word ("esca****e"), and the messages that name where a password is never quote it anyway.
     */
    private static ConfigProblem withoutSecrets(String url, ConfigProblem problem) {
        String message = problem.getMessage().substring(ConfigProblem.PREFIX.length());
        List<String> secrets = new ArrayList<>();
        if (url != null) {
            for (Pattern pattern : List.of(PASSWORD_IN_URL, USERINFO_IN_URL)) {
                Matcher matcher = pattern.matcher(url);
                while (matcher.find()) {
                    String hidden = url.substring(matcher.end(1), matcher.end() - (pattern == USERINFO_IN_URL ? 1 : 0));
                    for (String secret : List.of(hidden, decodeOrKeep(hidden))) {
                        if (secret.length() >= 4) {
                            secrets.add(secret);
                        }
                    }
                }
            }
        }
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        String scrubbed = message;
        for (String secret : secrets) {
            scrubbed = scrubbed.replace(secret, "****");
        }
        if (scrubbed.equals(message)) {
            return problem;
        }
        ConfigProblem safe = new ConfigProblem(scrubbed);
        safe.setStackTrace(problem.getStackTrace());
        return safe;
    }

    private static ClusterConfig parseAndCheck(String url, Properties info) throws ConfigProblem {
        if (!accepts(url)) {
            throw malformed(url, "it does not start with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        if (!rest.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw malformed(url, "the sub-protocol must be mysql://");
        }
        int authorityStart = PREFIX.length() + SCHEME.length();
        rest = url.substring(authorityStart);
        String query = null;
        int questionMark = rest.indexOf('?');
        if (questionMark >= 0) {
            query = rest.substring(questionMark + 1);
            rest = rest.substring(0, questionMark);
        }
        String databaseText = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            databaseText = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        int at = rest.lastIndexOf('@');
        if (at < 0) {
            rejectCutUserInfo(url, rest, authorityStart + rest.length());
        } else if (rest.indexOf('@') != at) {
            throw malformed(url, "more than one '@' before the hosts: one user and password apply to every host, and"
                    + " an '@' inside them is written %40");
        }
        String database = databaseText == null ? null
                : decode(url, databaseText, "the database name '" + databaseText + "'");
        if (database != null && database.isEmpty()) {
            database = null;
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            readQuery(url, query, settings);
        }
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                settings.put(ConnectorProperties.normalize(key), info.getProperty(key));
            }
        }
        if (at >= 0) {
            readUserInfo(url, rest.substring(0, at), settings);
            rest = rest.substring(at + 1);
        }
        List<HostSpec> hosts = readHosts(url, rest);
        return build(hosts, database, settings);
    }

    /**
     * A '/' or '?' left unencoded in a password ends the host list early: {@code user:pa/ss@host} reads as host
     * {@code user} with port {@code pa}, and every later message would echo part of the password. Such a first "host"
     * with a port that is not a number, followed by an '@' that is not in a query value ({@code ?user=me@corp}), is
     * reported without showing any of the URL.
     */
    private static void rejectCutUserInfo(String url, String authority, int authorityEnd) throws ConfigProblem {
        int at = url.indexOf('@', authorityEnd);
        int equals = url.indexOf('=', authorityEnd);
        if (at < 0 || equals >= 0 && equals < at || authority.trim().startsWith("[")) {
            return;
        }
        int comma = authority.indexOf(',');
        String first = comma < 0 ? authority : authority.substring(0, comma);
        int colon = first.indexOf(':');
        if (colon < 0) {
            return;
        }
        String port = first.substring(colon + 1).trim();
        if (!port.isEmpty() && port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return;
        }
        throw new ConfigProblem("malformed rwsplit URL (not shown: it seems to contain a password): the first host is"
                + " not HOST[:PORT] and an '@' follows the host list; a user or password that contains '/' or '?'"
                + " must be percent-encoded (%2F, %3F); expected " + FORM);
    }

    private static void readQuery(String url, String query, Map<String, String> settings) throws ConfigProblem {
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw malformed(url, "'" + (equals == 0 ? pair : decode(url, pair, "'" + pair + "'"))
                        + "' is not KEY=VALUE");
            }
            String keyText = pair.substring(0, equals);
            String key = ConnectorProperties.normalize(decode(url, keyText, "the key '" + keyText + "'"));
            String valueText = pair.substring(equals + 1);
            settings.put(key, decode(url, valueText, ConnectorProperties.isSecret(key) ? "the value of '" + key + "'"
                    : "the value '" + valueText + "' of '" + key + "'"));
        }
    }

    private static void readUserInfo(String url, String userInfo, Map<String, String> settings) throws ConfigProblem {
        int colon = userInfo.indexOf(':');
        String user = decode(url, colon < 0 ? userInfo : userInfo.substring(0, colon), "the user before '@'");
        if (user.isEmpty()) {
            throw malformed(url, "the user before '@' is empty");
        }
        settings.put("user", user);
        if (colon >= 0) {
            settings.put("password", decode(url, userInfo.substring(colon + 1), "the password before '@'"));
        }
    }

    private static List<HostSpec> readHosts(String url, String list) throws ConfigProblem {
        List<HostSpec> hosts = new ArrayList<>();
        for (String text : splitHosts(url, list)) {
            HostSpec host = readHost(url, text);
            // Host names are case-insensitive: DB1 and db1 are one server, which must not serve as two nodes.
            if (hosts.stream().anyMatch(h -> h.port() == host.port() && h.host().equalsIgnoreCase(host.host()))) {
                throw new ConfigProblem("host " + host + " appears twice in '" + mask(url)
                        + "': list each server once, the primary first");
            }
            hosts.add(host);
        }
        return hosts;
    }

    /** Splits at commas outside IPv6 brackets. */
    private static List<String> splitHosts(String url, String list) throws ConfigProblem {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(list.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(list.substring(start));
        if (depth != 0) {
            throw malformed(url, "an IPv6 address is missing its closing ']'");
        }
        return parts;
    }

    private static HostSpec readHost(String url, String text) throws ConfigProblem {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw malformed(url, "a host is empty");
        }
        String host;
        String port = null;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            host = trimmed.substring(1, close);
            String after = trimmed.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw malformed(url, "unexpected '" + after + "' after IPv6 address [" + host + "]");
                }
                port = after.substring(1);
            }
        } else {
            int colon = trimmed.indexOf(':');
            if (colon >= 0 && trimmed.indexOf(':', colon + 1) >= 0) {
                throw malformed(url, "IPv6 address '" + trimmed + "' must be written in brackets, e.g. [::1]:3306");
            }
            host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            port = colon < 0 ? null : trimmed.substring(colon + 1);
        }
        if (host.isEmpty() || !host.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '.' || c == '-'
                || c == '_' || c == ':' || c == '%')) {
            throw malformed(url, "'" + host + "' is not a host name or address");
        }
        return new HostSpec(host, port == null ? HostSpec.DEFAULT_PORT : readPort(trimmed, port));
    }

    private static int readPort(String host, String port) throws ConfigProblem {
        try {
            int value = Integer.parseInt(port);
            if (value >= 1 && value <= 65535) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigProblem("invalid port '" + port + "' in host '" + host + "': expected 1-65535");
    }

    private static ClusterConfig build(List<HostSpec> hosts, String database, Map<String, String> settings)
            throws ConfigProblem {
        Map<Option<?>, Object> values = ClusterConfig.newValues();
        Map<String, String> connector = new LinkedHashMap<>();
        ReplicationDriverOptions replicationDriver = new ReplicationDriverOptions();
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            String key = setting.getKey();
            String value = setting.getValue();
            Option<?> option = Options.byKey(key);
            if (option != null) {
                values.put(option, option.type().parse(key, value));
            } else if (ConnectorProperties.isUrlStructure(key)) {
                throw new ConfigProblem("option '" + key + "' cannot be set: hosts, ports and the database are part"
                        + " of the URL (" + FORM + ")");
            } else if (ReplicationDriverOptions.covers(key)) {
                replicationDriver.take(key, value);
            } else if (ConnectorProperties.knows(key)) {
                ConnectorProperties.validate(key, value);
                connector.put(key, value);
            } else {
                throw unknown(key);
            }
        }
        replicationDriver.applyTo(values);
        ClusterConfig config = new ClusterConfig(hosts, database, values, connector);
        checkTogether(config);
        return config;
    }

    /** Rules that involve more than one setting. */
    private static void checkTogether(ClusterConfig config) throws ConfigProblem {
        if (config.isSet(Options.REPLICA_WEIGHTS)) {
            int weights = config.get(Options.REPLICA_WEIGHTS).size();
            int replicas = config.replicas().size();
            if (weights != replicas) {
                throw new ConfigProblem("option 'replicaWeights' has " + weights + " weight" + (weights == 1 ? "" : "s")
                        + " but the URL names " + replicas + " replica" + (replicas == 1 ? "" : "s")
                        + ": give one weight per replica, in URL order");
            }
        }
        int maximum = config.get(Options.POOL_MAXIMUM_POOL_SIZE);
        int minimum = config.get(Options.POOL_MINIMUM_IDLE);
        if (minimum > maximum) {
            throw new ConfigProblem("option 'pool.minimumIdle' is " + minimum + " but 'pool.maximumPoolSize' is "
                    + maximum + ": minimumIdle must not exceed maximumPoolSize");
        }
    }

    private static ConfigProblem unknown(String key) {
        List<String> known = new ArrayList<>();
        for (Option<?> option : Options.all()) {
            known.add(option.key());
        }
        known.addAll(ConnectorProperties.keys());
        String suggestion = Suggestions.closest(key, known);
        return new ConfigProblem("unknown option '" + key + "'"
                + (suggestion == null ? "; it is neither an rwsplit option nor a Connector/J property"
                : "; did you mean '" + suggestion + "'?"));
    }

    /**
     * Percent-decoding that keeps '+' literal, so a password with a '+' keeps it. {@code shown} names the text in the
     * message; for a password it names only where the text was, never the text.
     */
    private static String decode(String url, String text, String shown) throws ConfigProblem {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw malformed(url, "bad %-escape in " + shown + "; a '%' itself is written %25");
        }
    }

    /** Decoding for what only reports and never fails: the text as given where it is not valid. */
    private static String decodeOrKeep(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static ConfigProblem malformed(String url, String why) {
        return new ConfigProblem("malformed rwsplit URL '" + mask(url) + "': " + why + "; expected " + FORM);
    }

    /** One entry per rwsplit option, with its current value where the URL or properties set one. */
    public static DriverPropertyInfo[] propertyInfo(String url, Properties info) {
        Map<String, String> given = new LinkedHashMap<>();
        if (url != null) {
            int questionMark = url.indexOf('?');
            if (questionMark >= 0) {
                for (String pair : url.substring(questionMark + 1).split("&")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0) {
                        given.put(decodeOrKeep(pair.substring(0, equals)), decodeOrKeep(pair.substring(equals + 1)));
                    }
                }
            }
        }
        if (info != null) {
            for (String key : info.stringPropertyNames()) {
                given.put(key, info.getProperty(key));
            }
        }
        List<DriverPropertyInfo> result = new ArrayList<>();
        for (Option<?> option : Options.all()) {
            DriverPropertyInfo property = new DriverPropertyInfo(option.key(),
                    given.getOrDefault(option.key(), option.defaultValue() == null ? null : option.defaultText()));
            property.description = option.doc();
            property.required = false;
            List<String> choices = option.type().choices();
            property.choices = choices.isEmpty() ? null : choices.toArray(new String[0]);
            result.add(property);
        }
        return result.toArray(new DriverPropertyInfo[0]);
    }
}
