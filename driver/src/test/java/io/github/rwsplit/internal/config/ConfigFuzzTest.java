package io.github.rwsplit.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link RwSplitUrl#parse}: well-formed URLs, the same URLs with random edits, and random text, each
 * with random properties. Whatever comes in, only a {@link ConfigProblem} may come out, and no message or
 * {@code toString} may show a password that was put in.
 */
class ConfigFuzzTest {
    /** Fixed, so that a failure repeats; another seed or a longer run: -Drwsplit.fuzzSeed=N -Drwsplit.fuzzRuns=N. */
    private static final long SEED = Long.getLong("rwsplit.fuzzSeed", 20_250_611L);
    private static final int RUNS = Integer.getInteger("rwsplit.fuzzRuns", 50_000);

    /**
     * Mostly valid pieces, so that many generated URLs parse and the edits start from something real; a bad piece now
     * and then (see {@link #rarely}). Good hosts are made by {@link #goodHost}.
     */
    private static final String[] BAD_HOSTS = {"", "::1", "[::1", "db0]", "db 4", "[]"};
    private static final String[] GOOD_PORTS = {"3306", "3307", "1", "65535"};
    private static final String[] BAD_PORTS = {"0", "65536", "x", "", "-1", "99999999999"};
    private static final String[] GOOD_DATABASES = {"app", "a%2Fb", "", "my+db", "caf%C3%A9", "50%25"};
    private static final String[] BAD_DATABASES = {"50%", "%zz", "%"};
    private static final String[][] GOOD_PAIRS = {{"loadBalance", "random"}, {"loadBalance", "LEASTLATENCY"},
            {"readFromPrimary", "never"}, {"maxReplicationLag", "0"}, {"maxReplicationLag", "2s"},
            {"monitorInterval", "100ms"}, {"lagSource", "heartbeat"}, {"heartbeatTable", "ops.beat"},
            {"readYourWrites", "no"}, {"readYourWritesTimeout", "0"}, {"retryReads", "yes"},
            {"pool.maximumPoolSize", "20"}, {"pool.minimumIdle", "5"}, {"pool.connectionTimeout", "1s"},
            {"pool.idleTimeout", "0"}, {"pool.maxLifetime", "1h"}, {"pool.keepaliveTime", "0"},
            {"clusterName", "orders%20eu"}, {"jmx", "true"}, {"sslMode", "REQUIRED"}, {"connectTimeout", "1000"},
            {"socketTimeout", "0"}, {"useSSL", "false"}, {"serverTimezone", "UTC"}, {"user", "app"},
            {"USER", "app"}, {"socksProxyPort", "1080"}};
    private static final String[] KEYS = {"loadBalance", "replicaWeights", "readFromPrimary", "maxReplicationLag",
            "monitorInterval", "lagSource", "heartbeatTable", "readYourWrites", "readYourWritesTimeout", "retryReads",
            "pool.maximumPoolSize", "pool.minimumIdle", "pool.connectionTimeout", "pool.idleTimeout",
            "pool.maxLifetime", "pool.keepaliveTime", "clusterName", "jmx", "sslMode", "connectTimeout",
            "socketTimeout", "useSSL", "serverTimezone", "socksProxyPort", "user", "USER", "host", "dbname",
            "maxReplicationlag", "ConnectTimeout", "zzqq", "", "loadBalance ", "pool.", "a%zz"};
    private static final String[] VALUES = {"", "0", "1", "-1", "3,1", "1,1,1", "0,0", "500ms", "2s", "1m", "1h",
            "9999999999999", "true", "no", "maybe", "random", "LEASTLATENCY", "never", "heartbeat", "t;DROP TABLE x",
            "ops.beat", "REQUIRED", "bogus", "UTC", "70000", "%", "%2", "%zz", "a+b", "a%26b", "\u0000", " ",
            "x".repeat(300)};
    private static final String[] PASSWORD_KEYS = {"password", "password1", "password2", "Password", "PASSWORD",
            "trustCertificateKeyStorePassword"};
    private static final String EDITS = "/?@:,[]%&=+#. \t\u00e9\u0000";
    private static final String PASSWORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "/?@:,[]%&=+#. !$*()'\"\\;<>{}|^~`-_\u00e9\u20ac";

    /** A password put in, and the text by which the URL still holds it in its place (null: it came as a property). */
    private record Secret(String password, String encoded, String marker) {
    }

    @Test
    void onlyConfigProblemsEscapeAndNoMessageShowsAPassword() {
        Random random = new Random(SEED);
        int rejected = 0;
        for (int run = 0; run < RUNS; run++) {
            List<Secret> secrets = new ArrayList<>();
            String url = url(random, secrets);
            int shape = random.nextInt(10);
            if (shape < 4) {
                url = mutate(random, url);
            } else if (shape == 4) {
                url = noise(random);
            }
            Properties info = properties(random, secrets);
            String context = "run " + run + " (seed " + SEED + "): " + url + " with " + info.keySet();
            String shown;
            boolean parsed = false;
            try {
                ClusterConfig config = RwSplitUrl.parse(url, info);
                shown = config.toString();
                parsed = true;
            } catch (ConfigProblem problem) {
                assertEquals("01S00", problem.getSQLState(), context);
                shown = problem.getMessage();
                rejected++;
            } catch (Throwable unexpected) {
                throw new AssertionError(context + " threw " + unexpected, unexpected);
            }
            try {
                shown += RwSplitUrl.mask(url);
                // Tools call it with whatever URL they hold; it must answer, not throw.
                RwSplitUrl.propertyInfo(url, info);
            } catch (RuntimeException unexpected) {
                throw new AssertionError(context + ": mask or propertyInfo threw " + unexpected, unexpected);
            }
            for (Secret secret : secrets) {
                if (secret.marker() == null || stillInPlace(url, secret.marker(), parsed)) {
                    if (shown.contains(secret.password()) || shown.contains(secret.encoded())) {
                        fail(context + " showed the password " + secret.password() + ": " + shown);
                    }
                }
            }
        }
        // Both outcomes must be exercised in bulk, or the generators have drifted away from what they should cover.
        assertTrue(rejected > RUNS / 5 && rejected < RUNS * 4 / 5, "rejected " + rejected + " of " + RUNS);
    }

    /**
     * Whether the URL still holds the password as one: a password pair still delimited by '?' or '&' and by '&' or the
     * end, user info still "//u:p@". A message must hide it wherever it stands. A configuration that parsed, whose
     * toString shows what the URL meant, must hide it only where it is still in its place: user info right after the
     * first "mysql:", a pair in the query (an edit can make either part of the database name, which toString shows).
     */
    private static boolean stillInPlace(String url, String marker, boolean parsed) {
        for (int at = url.indexOf(marker); at >= 0; at = url.indexOf(marker, at + 1)) {
            if (marker.startsWith("//")) {
                if (!parsed || at == url.indexOf("//") && url.regionMatches(true, at - 6, "mysql:", 0, 6)) {
                    return true;
                }
                continue;
            }
            int end = at + marker.length();
            int query = url.indexOf('?');
            if (parsed && (query < 0 || query > at)) {
                continue;
            }
            // Once parsed, only the first '?' opens the query: a later one is part of a value.
            char before = at > 0 ? url.charAt(at - 1) : 0;
            boolean opened = before == '&' || (parsed ? at - 1 == query : before == '?');
            boolean closed = end == url.length() || url.charAt(end) == '&';
            if (opened && closed) {
                return true;
            }
        }
        return false;
    }

    private static String url(Random random, List<Secret> secrets) {
        StringBuilder url = new StringBuilder(random.nextInt(20) == 0 ? "JDBC:RWSPLIT:MYSQL://" : "jdbc:rwsplit:mysql://");
        if (random.nextInt(3) == 0) {
            String user = "u" + random.nextInt(100);
            url.append(user);
            if (random.nextBoolean()) {
                String password = password(random);
                String encoded = encodeUserInfo(password);
                url.append(':').append(encoded);
                secrets.add(new Secret(password, encoded, "//" + user + ":" + encoded + "@"));
            }
            url.append('@');
        }
        int hosts = 1 + random.nextInt(4);
        for (int i = 0; i < hosts; i++) {
            if (i > 0) {
                url.append(',');
            }
            url.append(rarely(random) ? pick(random, BAD_HOSTS) : goodHost(random, i));
            if (random.nextBoolean()) {
                url.append(':').append(rarely(random) ? pick(random, BAD_PORTS) : pick(random, GOOD_PORTS));
            }
        }
        if (random.nextBoolean()) {
            url.append('/').append(rarely(random) ? pick(random, BAD_DATABASES) : pick(random, GOOD_DATABASES));
        }
        if (random.nextInt(5) < 3) {
            url.append('?');
            int pairs = random.nextInt(6);
            for (int i = 0; i < pairs; i++) {
                if (i > 0) {
                    url.append('&');
                }
                if (random.nextInt(4) == 0) {
                    String key = pick(random, PASSWORD_KEYS);
                    String password = password(random);
                    String encoded = encodeQueryValue(password);
                    url.append(key).append('=').append(encoded);
                    secrets.add(new Secret(password, encoded, key + "=" + encoded));
                } else if (rarely(random)) {
                    url.append(pick(random, KEYS));
                    if (random.nextBoolean()) {
                        url.append('=').append(pick(random, VALUES).replace("&", "%26"));
                    }
                } else if (random.nextInt(10) == 0) {
                    url.append("replicaWeights=").append("1,".repeat(hosts - 1)).append(hosts == 1 ? "1" : "2");
                } else {
                    String[] pair = GOOD_PAIRS[random.nextInt(GOOD_PAIRS.length)];
                    url.append(pair[0]).append('=').append(pair[1]);
                }
            }
            if (random.nextInt(8) == 0) {
                url.append('&');
            }
        }
        return url.toString();
    }

    /** The i-th host, in one of the spellings a URL allows; distinct, since a repeated host is one of the mistakes. */
    private static String goodHost(Random random, int i) {
        return switch (random.nextInt(7)) {
            case 0 -> "db" + i;
            case 1 -> "db-" + i + ".example.com";
            case 2 -> "10.0.0." + i;
            case 3 -> "[2001:db8::" + (i + 1) + "]";
            case 4 -> " h_" + i + " ";
            case 5 -> "[10.0.1." + i + "]";
            default -> "h\u00e9" + i;
        };
    }

    private static boolean rarely(Random random) {
        return random.nextInt(25) == 0;
    }

    private static Properties properties(Random random, List<Secret> secrets) {
        Properties info = new Properties();
        int entries = random.nextInt(4);
        for (int i = 0; i < entries; i++) {
            if (random.nextInt(3) == 0) {
                String password = password(random);
                info.setProperty(pick(random, PASSWORD_KEYS), password);
                secrets.add(new Secret(password, password, null));
            } else if (rarely(random)) {
                info.setProperty(pick(random, KEYS), pick(random, VALUES));
            } else {
                String[] pair = GOOD_PAIRS[random.nextInt(GOOD_PAIRS.length)];
                info.setProperty(pair[0], pair[1].replace("%20", " "));
            }
        }
        return info;
    }

    /** Random edits where URLs break: the characters that delimit its parts, and a few others. */
    private static String mutate(Random random, String url) {
        StringBuilder text = new StringBuilder(url);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> text.insert(at, EDITS.charAt(random.nextInt(EDITS.length())));
                case 1 -> {
                    if (at < text.length()) {
                        text.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < text.length()) {
                        text.setCharAt(at, EDITS.charAt(random.nextInt(EDITS.length())));
                    }
                }
                case 3 -> {
                    int end = Math.min(text.length(), at + 1 + random.nextInt(8));
                    text.insert(at, text.substring(at, end));
                }
                default -> text.setLength(at);
            }
        }
        return text.toString();
    }

    private static String noise(Random random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "jdbc:rwsplit:" : "");
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(3) == 0 ? EDITS.charAt(random.nextInt(EDITS.length()))
                    : (char) (0x20 + random.nextInt(0x60)));
        }
        return text.toString();
    }

    /** Long enough and distinctive enough that no message holds it by chance. */
    private static String password(Random random) {
        StringBuilder password = new StringBuilder("Pw");
        int length = 6 + random.nextInt(10);
        for (int i = 0; i < length; i++) {
            password.append(PASSWORD_CHARS.charAt(random.nextInt(PASSWORD_CHARS.length())));
        }
        return password.toString();
    }

    /** As configuration.md asks: '%', '&', '@', '/' and '?' encoded; everything else as it is. */
    private static String encodeUserInfo(String password) {
        return encodeQueryValue(password).replace("@", "%40").replace("/", "%2F").replace("?", "%3F");
    }

    private static String encodeQueryValue(String password) {
        return password.replace("%", "%25").replace("&", "%26");
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
