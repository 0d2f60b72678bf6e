package io.github.rwsplit.internal.config;

import static io.github.rwsplit.fuzz.FuzzText.deleteSpan;
import static io.github.rwsplit.fuzz.FuzzText.duplicateSpan;
import static io.github.rwsplit.fuzz.FuzzText.replaceWithRandomChar;
import static io.github.rwsplit.fuzz.FuzzText.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link RwSplitUrl}: real URLs with edits where URLs and their values break (delimiters, quotes,
 * comments, percent signs, NULs, unicode), and random text. Whatever comes in, {@code parse} answers or throws a
 * {@link ConfigProblem} (SQLState 01S00), and {@code mask}, {@code accepts} and {@code propertyInfo} answer. Passwords
 * in messages are {@link ConfigFuzzTest}'s subject; this one is about breadth and time.
 */
class RwSplitUrlFuzzTest {
    private static final long SEED = Long.getLong("rwsplit.fuzzSeed", 20_261_123L);
    private static final int CASES = Integer.getInteger("rwsplit.urlFuzzCases", 250_000);
    /** Catches hangs and quadratic blow-ups with room for a loaded machine; speed is not what this test measures. */
    private static final Duration PATHOLOGICAL_BOUND = Duration.ofSeconds(30);
    private static final int MEGABYTE = 1 << 20;

    private static final List<String> URLS = List.of(
            "jdbc:rwsplit:mysql://db1:3306,db2:3306,db3:3306/app?user=app&password=s3cret",
            "jdbc:rwsplit:mysql://app:s3cret@primary.example.com,replica-1.example.com:3307/orders",
            "jdbc:rwsplit:mysql://[::1]:3306,[2001:db8::2]/app?loadBalance=leastLatency&replicaWeights=3",
            "jdbc:rwsplit:mysql://10.0.0.1,10.0.0.2,10.0.0.3/a%2Fb?maxReplicationLag=500ms&monitorInterval=1s"
                    + "&readFromPrimary=never&pool.maximumPoolSize=20&pool.minimumIdle=0",
            "jdbc:rwsplit:mysql://db1/app?sslMode=VERIFY_CA&trustCertificateKeyStoreUrl=file:/etc/ssl/ca.p12"
                    + "&trustCertificateKeyStorePassword=changeit&trustCertificateKeyStoreType=PKCS12",
            "jdbc:rwsplit:mysql://db1,db2/app?lagSource=heartbeat&heartbeatTable=ops.rwsplit_heartbeat&jmx=true"
                    + "&clusterName=orders%20eu&readYourWritesTimeout=0&retryReads=false",
            "jdbc:rwsplit:mysql://db1:3306/",
            "jdbc:rwsplit:mysql://db1?connectTimeout=1000&socketTimeout=30000&useServerPrepStmts=true");
    private static final String[] FRAGMENTS = {"/", "?", "@", ":", ",", "[", "]", "%", "%2", "%zz", "%00", "&", "=",
            "+", "#", ".", " ", "\t", "\n", "'", "\"", "`", "\\", "/*", "*/", "--", ";", "\0", "\u00e9", "\u00a0",
            "\ufeff", "\ud83d\ude00", "\udc00", "\u0130", "jdbc:", "mysql://", "rwsplit:", "password=", "=true",
            "&pool.", "65536", "-1", "99999999999999999999"};

    @Test
    void parseThrowsNothingButConfigProblems() {
        // The first parse loads classes; the slowest case should be about parsing.
        check(URLS.get(0), new Properties(), "warm-up");
        Random random = new Random(SEED);
        int parsed = 0;
        long slowest = 0;
        String slowestInput = "";
        for (int i = 0; i < CASES; i++) {
            String url = random.nextInt(8) == 0 ? noise(random) : mutate(URLS.get(random.nextInt(URLS.size())), random);
            Properties info = new Properties();
            if (random.nextInt(4) == 0) {
                info.setProperty(random.nextBoolean() ? "password" : "loadBalance", mutate("random", random));
            }
            long started = System.nanoTime();
            if (check(url, info, "case " + i + " (seed " + SEED + ")")) {
                parsed++;
            }
            long took = System.nanoTime() - started;
            if (took > slowest) {
                slowest = took;
                slowestInput = url;
            }
        }
        System.out.printf(Locale.ROOT, "RwSplitUrlFuzzTest: %,d URLs (seed %d), %,d parsed; slowest %,d ns: %s%n",
                CASES, SEED, parsed, slowest, shown(slowestInput));
        // Both outcomes in bulk, or the mutations have drifted away from what they should cover.
        assertTrue(parsed > CASES / 20 && parsed < CASES * 19 / 20, "parsed " + parsed + " of " + CASES);
    }

    @Test
    void pathologicalUrlsOfAMegabyteNeverHangTheParser() {
        String prefix = "jdbc:rwsplit:mysql://";
        List<String> urls = List.of(
                prefix + "db1/" + "a".repeat(MEGABYTE),
                prefix + "db1/app?" + "loadBalance=random&".repeat(MEGABYTE / 19),
                prefix + "db1,".repeat(MEGABYTE / 4) + "db2",
                prefix + "[".repeat(10_000) + "::1" + "]".repeat(10_000),
                prefix + "db1/app?clusterName=" + "%25".repeat(MEGABYTE / 3),
                prefix + "db1/app?password=" + "%".repeat(MEGABYTE),
                prefix + "\0".repeat(MEGABYTE),
                prefix + "u:" + "@".repeat(MEGABYTE) + "db1",
                prefix + "db1:" + "9".repeat(MEGABYTE),
                prefix + "db1/app?replicaWeights=" + "1,".repeat(MEGABYTE / 2),
                prefix + "db1/app?" + "&".repeat(MEGABYTE),
                prefix + "db1/app?maxReplicationLag=" + "9".repeat(MEGABYTE) + "ms",
                "jdbc:rwsplit:" + "\ud800".repeat(MEGABYTE));
        for (String url : urls) {
            assertTimeoutPreemptively(PATHOLOGICAL_BOUND, () -> check(url, new Properties(), shown(url)),
                    () -> "took longer than " + PATHOLOGICAL_BOUND + ": " + shown(url));
        }
    }

    /** Runs every entry point on {@code url}; true when it parsed. */
    private static boolean check(String url, Properties info, String context) {
        boolean parsed;
        try {
            RwSplitUrl.parse(url, info).toString();
            parsed = true;
        } catch (ConfigProblem problem) {
            assertEquals("01S00", problem.getSQLState(), context);
            parsed = false;
        } catch (Throwable unexpected) {
            throw new AssertionError(context + ": parse threw " + unexpected + " on " + shown(url), unexpected);
        }
        try {
            RwSplitUrl.accepts(url);
            RwSplitUrl.mask(url);
            RwSplitUrl.propertyInfo(url, info);
        } catch (Throwable unexpected) {
            throw new AssertionError(context + ": accepts, mask or propertyInfo threw " + unexpected + " on "
                    + shown(url), unexpected);
        }
        return parsed;
    }

    private static String mutate(String url, Random random) {
        StringBuilder text = new StringBuilder(url);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(text.length() + 1);
            switch (random.nextInt(5)) {
                case 0, 1 -> text.insert(at, FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
                case 2 -> deleteSpan(text, at, 3, random);
                case 3 -> duplicateSpan(text, at, 10, random);
                default -> replaceWithRandomChar(text, at, random);
            }
        }
        return text.toString();
    }

    private static String noise(Random random) {
        StringBuilder text = new StringBuilder(random.nextBoolean() ? "jdbc:rwsplit:mysql://" : "");
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append(random.nextInt(3) == 0 ? FRAGMENTS[random.nextInt(FRAGMENTS.length)]
                    : String.valueOf((char) random.nextInt(0x10000)));
        }
        return text.toString();
    }
}
