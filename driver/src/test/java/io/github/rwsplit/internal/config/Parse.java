package io.github.rwsplit.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Properties;

/** Shorthands for the config tests: parse that must succeed, parse that must fail with SQLState 01S00. */
final class Parse {
    /** A primary and two replicas, so that every option, replicaWeights included, has something to apply to. */
    static final String CLUSTER = "jdbc:rwsplit:mysql://primary:3306,replica1:3307,replica2:3308/app";

    private Parse() {
    }

    static ClusterConfig ok(String url) {
        return ok(url, new Properties());
    }

    static ClusterConfig ok(String url, Properties info) {
        try {
            return RwSplitUrl.parse(url, info);
        } catch (ConfigProblem e) {
            throw new AssertionError("expected " + url + " with " + info.keySet() + " to parse", e);
        }
    }

    /** The message of the rejection, after checking that it carries Connector/J's "invalid connection attribute". */
    static String rejected(String url) {
        return rejected(url, new Properties());
    }

    static String rejected(String url, Properties info) {
        ConfigProblem problem = assertThrows(ConfigProblem.class, () -> RwSplitUrl.parse(url, info),
                () -> url + " with " + info.keySet() + " should be rejected");
        assertEquals("01S00", problem.getSQLState(), problem::getMessage);
        return problem.getMessage();
    }

    /** The option's value when {@link #CLUSTER} is given with this one property. */
    static <T> T option(Option<T> option, String text) {
        return ok(CLUSTER, props(option.key(), text)).get(option);
    }

    static String rejectedOption(String key, String text) {
        return rejected(CLUSTER, props(key, text));
    }

    static Properties props(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }
}
