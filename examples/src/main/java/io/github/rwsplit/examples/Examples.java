package io.github.rwsplit.examples;

import io.github.rwsplit.examples.failover.FailoverWalkthrough;
import io.github.rwsplit.examples.hibernate.HibernateExample;
import io.github.rwsplit.examples.hikari.HikariExample;
import io.github.rwsplit.examples.spring.SpringBootExample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example by name; the {@code example} Maven profile calls it with {@code -Dexample=NAME}. Each example starts
 * its own embedded cluster and stops it when done.
 */
public final class Examples {
    private static final Map<String, Example> BY_NAME = new LinkedHashMap<>();

    static {
        BY_NAME.put("jdbc", Demo::main);
        BY_NAME.put("hikari", HikariExample::main);
        BY_NAME.put("spring-boot", SpringBootExample::main);
        BY_NAME.put("hibernate", HibernateExample::main);
        BY_NAME.put("failover", FailoverWalkthrough::main);
    }

    @FunctionalInterface
    private interface Example {
        void main(String[] args) throws Exception;
    }

    private Examples() {
    }

    public static void main(String[] args) throws Exception {
        Example example = args.length == 0 ? null : BY_NAME.get(args[0]);
        if (example == null) {
            System.err.println("usage: -Dexample=NAME, where NAME is one of " + String.join(", ", BY_NAME.keySet()));
            System.exit(2);
        }
        example.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
