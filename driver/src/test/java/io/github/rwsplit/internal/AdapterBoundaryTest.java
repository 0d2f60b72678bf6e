package io.github.rwsplit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The driver reaches Connector/J's and HikariCP's internals only through their adapters, one class per internal, each
 * with a test that fails naming the library version when the internal changes. Everything else uses their public
 * API: JDBC, Connector/J's {@code JdbcConnection} and {@code Driver}, HikariCP's configuration, data source and MXBean.
 */
class AdapterBoundaryTest {
    private static final Pattern REFERENCE =
            Pattern.compile("com\\.(?:mysql\\.cj|zaxxer\\.hikari)(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Set<String> PUBLIC_API = Set.of("com.mysql.cj.jdbc.JdbcConnection",
            "com.mysql.cj.jdbc.Driver", "com.zaxxer.hikari.HikariConfig", "com.zaxxer.hikari.HikariDataSource",
            "com.zaxxer.hikari.HikariPoolMXBean");
    /** Source file to the internals it alone may use (a package prefix stands for the types in it). */
    private static final Map<String, Set<String>> ADAPTERS = Map.of(
            "internal/config/ConnectorProperties.java", Set.of("com.mysql.cj.conf.PropertyDefinition",
                    "com.mysql.cj.conf.PropertyDefinitions", "com.mysql.cj.conf.PropertyKey"),
            "internal/cluster/ConnectorSession.java", Set.of("com.mysql.cj.protocol.ServerSessionStateController"),
            "internal/cluster/ConnectorStatements.java", Set.of("com.mysql.cj.jdbc.StatementImpl",
                    "com.mysql.cj.jdbc.JdbcStatement", "com.mysql.cj.jdbc.result.ResultSetInternalMethods",
                    "com.mysql.cj.jdbc.exceptions.MySQLStatementCancelledException", "com.mysql.cj.conf.PropertyKey",
                    "com.mysql.cj.jdbc.JdbcPropertySet"),
            "internal/cluster/ConnectorDriver.java", Set.of("com.mysql.cj.jdbc.NonRegisteringDriver"),
            "internal/cluster/HikariPoolAccess.java", Set.of("com.zaxxer.hikari.pool.HikariPool"));

    @Test
    void onlyTheAdaptersReferToLibraryInternals() throws IOException {
        Path sources = Path.of("src/main/java/io/github/rwsplit");
        assertTrue(Files.isDirectory(sources), "run from the driver module: " + sources.toAbsolutePath());
        List<String> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String name = sources.relativize(file).toString().replace('\\', '/');
                Set<String> allowed = ADAPTERS.getOrDefault(name, Set.of());
                Matcher reference = REFERENCE.matcher(Files.readString(file));
                while (reference.find()) {
                    String type = reference.group();
                    if (!PUBLIC_API.contains(type) && !allowed.contains(type)) {
                        strays.add(name + " refers to " + type);
                    }
                }
            }
        }
        assertEquals(List.of(), strays, "library internals belong behind an adapter (see " + ADAPTERS.keySet() + ")");
    }
}
