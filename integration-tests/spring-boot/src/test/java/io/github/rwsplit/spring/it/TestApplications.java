package io.github.rwsplit.spring.it;

import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the tests' Spring Boot applications on the embedded cluster. */
final class TestApplications {
    private TestApplications() {
    }

    /**
     * {@code jdbc:rwsplit:mysql://primary,replica1,replica2/database?options}, without credentials; the cluster closes
     * with its last connection, so that each application starts its own.
     */
    static String url(ReplicationCluster cluster, String... options) {
        List<String> all = new ArrayList<>(List.of(options));
        all.add("clusterLinger=0");
        return "jdbc:rwsplit:mysql://" + cluster.hostList() + "/" + cluster.database() + "?" + String.join("&", all);
    }

    /**
     * Spring Boot's own setup, as an application configures it: {@code spring.datasource.url} with the rwsplit URL,
     * HikariCP as the pool, Actuator showing health details.
     */
    static ConfigurableApplicationContext bootDataSource(Class<?> application, ReplicationCluster cluster,
                                                         List<String> properties, String... urlOptions) {
        List<String> all = new ArrayList<>(List.of("spring.datasource.url=" + url(cluster, urlOptions),
                "spring.datasource.username=" + cluster.appUser(),
                "spring.datasource.password=" + cluster.appPassword(),
                "spring.datasource.driver-class-name=io.github.rwsplit.jdbc.RwSplitDriver",
                "management.endpoint.health.show-details=always", "spring.main.banner-mode=off",
                "spring.main.log-startup-info=false"));
        all.addAll(properties);
        return new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
                .properties(all.toArray(String[]::new)).run();
    }

    /** {@code host:port}: how rwsplit names a node in meters, stats and health. */
    static String nodeName(ClusterNode node) {
        return node.host() + ":" + node.port();
    }

    /** Returns once {@code condition} holds; fails after {@code timeout}. */
    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(100);
        }
    }
}
