package io.github.rwsplit.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDriver;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * jOOQ's code generator given the rwsplit URL, as its Maven and Gradle plugins are: it reads the schema's metadata.
 * jOOQ guesses the driver from the URL and would take Connector/J's for {@code jdbc:rwsplit:mysql:}, which refuses the
 * URL, so the configuration names rwsplit's driver; the MySQL database reader it infers from the URL reads MariaDB too.
 */
@WithReplicationCluster
class JooqCodegenUrlIT {
    private final ReplicationCluster cluster;

    JooqCodegenUrlIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createSchema() throws Exception {
        try (Connection connection = DriverManager.getConnection(cluster.rwsplitUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE book (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL)");
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    @Test
    void generatesTheSchemasClassesFromTheUrl(@TempDir Path target) throws Exception {
        GenerationTool.generate(new Configuration()
                .withJdbc(new Jdbc()
                        .withDriver(RwSplitDriver.class.getName())
                        .withUrl(cluster.rwsplitUrl("clusterName=jooq-codegen"))
                        .withUser(cluster.appUser())
                        .withPassword(cluster.appPassword()))
                .withGenerator(new Generator()
                        .withDatabase(new Database().withInputSchema(cluster.database()))
                        .withTarget(new Target().withPackageName("shop.db").withDirectory(target.toString()))));

        Path book = target.resolve("shop/db/tables/Book.java");
        assertTrue(Files.exists(book), "generated " + book);
        String source = Files.readString(book);
        assertTrue(source.contains("TITLE"), source);
    }
}
