package io.github.rwsplit.spring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.micrometer.RwSplitMeterBinder;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * docs/spring-boot.md's meter binder for an application without the starter, as written there, on Spring Boot's
 * HikariCP over the driver (where {@code dataSource.unwrap(RwSplitDataSource.class)} throws).
 */
@WithReplicationCluster
class MetricsWithoutTheStarterIT {
    private static final String CLUSTER = "without-starter";
    private static final Path DOC = Path.of("..", "..", "..", "docs", "spring-boot.md");
    private static final Path SOURCE = Path.of("..", "src", "test", "java", "io", "github", "rwsplit", "spring", "it",
            "MetricsWithoutTheStarterIT.java");

    private static ReplicationCluster cluster;
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void startApplication(ReplicationCluster shared) {
        cluster = shared;
        context = TestApplications.bootDataSource(WithOwnBinder.class, cluster,
                List.of("spring.autoconfigure.exclude=io.github.rwsplit.spring.RwSplitMetricsAutoConfiguration"),
                "clusterName=" + CLUSTER);
    }

    @AfterAll
    static void stopApplication() {
        context.close();
    }

    @Test
    void theSnippetsBinderCountsTheStatementsOfBootsDataSource() {
        assertFalse(context.containsBean("rwsplitMeterBinder"), "the starter's binder is off in this test");
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        for (int i = 0; i < 5; i++) {
            jdbc.queryForObject("SELECT 1", Integer.class);
        }
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        double replicaReads = registry.find("rwsplit.node.reads").tag("cluster", CLUSTER).tag("role", "replica")
                .functionCounters().stream().mapToDouble(counter -> counter.count()).sum();
        assertEquals(5, replicaReads);
    }

    @Test
    void theDocsShowTheSnippetThisTestRuns() throws IOException {
        String doc = Files.readString(DOC);
        Matcher block = Pattern.compile("```java\n(@Bean\nMeterBinder rwsplitMetrics\\(HikariDataSource[^`]*?)```")
                .matcher(doc);
        assertTrue(block.find(), DOC + " shows no binder over Boot's HikariCP");
        String source = Files.readString(SOURCE);
        assertTrue(source.contains(block.group(1).indent(8)), "the snippet of " + DOC + " differs from the one run here:\n"
                + block.group(1));
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class WithOwnBinder {
        @Bean
        MeterBinder rwsplitMetrics(HikariDataSource dataSource) {
            return RwSplitMeterBinder.forPool(dataSource, dataSource.getJdbcUrl(), dataSource.getDataSourceProperties());
        }
    }
}
