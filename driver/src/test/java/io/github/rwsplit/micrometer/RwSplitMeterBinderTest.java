package io.github.rwsplit.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.FallbackReason;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The binder names its meters from the data source's URL, so it can be bound before the first connection. */
class RwSplitMeterBinderTest {
    private static final String URL = "jdbc:rwsplit:mysql://db1:3306,db2:3307,db3/app?clusterName=orders&user=app"
            + "&password=secret";

    @Test
    void beforeTheFirstConnectionEveryNodeHasItsMetersWithZeroCountsAndUnknownGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new RwSplitMeterBinder(new RwSplitDataSource(URL)).bindTo(registry);

        assertEquals(Set.of("db1:3306", "db2:3307", "db3:3306"), tagValues(registry, "rwsplit.node.reads", "node"));
        assertEquals("primary", registry.get("rwsplit.node.writes").tag("node", "db1:3306").meter().getId()
                .getTag("role"));
        assertEquals("replica", registry.get("rwsplit.node.writes").tag("node", "db2:3307").meter().getId()
                .getTag("role"));
        assertEquals(Set.of("orders"), tagValues(registry, "rwsplit.node.lag", "cluster"));
        assertEquals(Stream.of(FallbackReason.values()).map(RwSplitMeterBinder::reasonTag).collect(Collectors.toSet()),
                tagValues(registry, "rwsplit.node.fallbacks", "reason"));
        assertEquals(Set.of("up", "lagging", "suspect", "down"), tagValues(registry, "rwsplit.node.state", "state"));
        assertEquals(0, registry.get("rwsplit.node.reads").tag("node", "db2:3307").functionCounter().count());
        assertEquals(0, registry.get("rwsplit.classifier.parser.calls").functionCounter().count());
        for (String outcome : List.of("started", "ended.on.replica", "moved", "refused")) {
            assertEquals(0, registry.get("rwsplit.optimistic." + outcome).tag("cluster", "orders").functionCounter()
                    .count(), outcome);
        }
        assertTrue(Double.isNaN(registry.get("rwsplit.node.lag").tag("node", "db2:3307").timeGauge().value()));
        assertTrue(Double.isNaN(registry.get("rwsplit.node.connections.idle").tag("node", "db1:3306").gauge()
                .value()));
        for (Meter meter : registry.getMeters()) {
            assertFalse(meter.getId().toString().contains("secret"), meter.getId().toString());
        }
    }

    @Test
    void aPoolOverTheDriverHasItsMetersNamedFromItsUrlAndProperties_beforeAnyConnection() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Properties properties = new Properties();
        properties.setProperty("clusterName", "pooled");
        RwSplitMeterBinder.forPool(new RwSplitDataSource(), "jdbc:rwsplit:mysql://db1,db2:3307/app", properties)
                .bindTo(registry);

        assertEquals(Set.of("db1:3306", "db2:3307"), tagValues(registry, "rwsplit.node.reads", "node"));
        assertEquals(Set.of("pooled"), tagValues(registry, "rwsplit.node.reads", "cluster"));
        assertEquals(0, registry.get("rwsplit.node.writes").tag("node", "db1:3306").functionCounter().count());
        assertTrue(Double.isNaN(registry.get("rwsplit.node.primary").tag("node", "db1:3306").gauge().value()));
    }

    @Test
    void aPoolWithoutAnRwsplitUrlIsRefusedNamingTheProblem() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RwSplitMeterBinder.forPool(new RwSplitDataSource(), "jdbc:mysql://db1/app", null)
                        .bindTo(new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("jdbc:rwsplit:"), e.getMessage());
    }

    @Test
    void aDataSourceWithoutAUsableUrlIsRefusedNamingTheProblem() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new RwSplitMeterBinder(new RwSplitDataSource("jdbc:rwsplit:mysql://")).bindTo(
                        new SimpleMeterRegistry()));
        assertTrue(e.getMessage().contains("expected jdbc:rwsplit:mysql://PRIMARY"), e.getMessage());
    }

    /** Micrometer is optional: only this package may refer to it, so an application without it never loads it. */
    @Test
    void noClassOutsideThisPackageRefersToMicrometer() throws IOException, URISyntaxException {
        Path classes = Path.of(RwSplitDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path own = classes.resolve("io/github/rwsplit/micrometer");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(classes)) {
            offenders = files.filter(file -> file.toString().endsWith(".class") && !file.startsWith(own))
                    .filter(RwSplitMeterBinderTest::refersToMicrometer).toList();
        }
        assertEquals(List.of(), offenders);
        assertTrue(Files.exists(own.resolve("RwSplitMeterBinder.class")), "scanned " + classes);
    }

    private static boolean refersToMicrometer(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("io/micrometer/");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Set<String> tagValues(SimpleMeterRegistry registry, String meter, String tag) {
        return registry.find(meter).meters().stream().map(m -> m.getId().getTag(tag)).collect(Collectors.toSet());
    }
}
