package io.github.rwsplit.examples.spring;

import io.github.rwsplit.examples.ClusterActivity;
import io.github.rwsplit.examples.ExampleUrls;
import io.github.rwsplit.examples.HibernateServerSettings;
import io.github.rwsplit.examples.PooledClusterStats;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A Spring Boot application on rwsplit: HikariCP (Boot's default pool) over the rwsplit driver, Flyway migrating at
 * startup, Spring Data JPA and JdbcTemplate. The static settings are in {@code application.properties}; only the
 * cluster's URL and credentials are set here, since its ports are chosen at startup, and what Hibernate must be told
 * about the cluster's server.
 */
@SpringBootApplication
public class SpringBootExample {

    public static void main(String[] args) throws SQLException {
        try (ReplicationCluster cluster = ReplicationCluster.start(2);
             ConfigurableApplicationContext context = start(cluster)) {
            BookshopService shop = context.getBean(BookshopService.class);
            BookRepository books = context.getBean(BookRepository.class);
            JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
            DataSource dataSource = context.getBean(DataSource.class);

            System.out.println();
            System.out.println("Flyway migrated the schema through rwsplit at startup (DDL on the primary).");
            BookshopService.Catalogue catalogue = shop.catalogue();
            show("@Transactional(readOnly = true) catalogue(): " + catalogue.books().size() + " books, "
                    + catalogue.copiesInStock() + " copies", node(cluster, catalogue.serverId()));
            List<String> readers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                readers.add(node(cluster, jdbc.queryForObject("SELECT @@server_id", Long.class)));
            }
            show("JdbcTemplate, 4 reads outside a transaction", String.join(", ", readers));
            BookshopService.Sale sale = shop.sell(catalogue.books().get(0).getId(), 1);
            show("@Transactional sell(): " + sale.stockLeft() + " copies of " + sale.title() + " left",
                    node(cluster, sale.serverId()));
            ClusterStats before = PooledClusterStats.read(dataSource);
            Book saved = books.save(new Book("The Pragmatic Programmer", 4));
            ClusterStats saving = PooledClusterStats.read(dataSource);
            show("BookRepository.save() outside a transaction: id " + saved.getId(),
                    ClusterActivity.between(before, saving).summary());
            String title = books.findById(saved.getId()).map(Book::getTitle).orElseThrow();
            show("BookRepository.findById() outside a transaction: " + title,
                    ClusterActivity.between(saving, PooledClusterStats.read(dataSource)).summary());
            System.out.println();
        }
    }

    /** Starts the application on the embedded cluster, with {@code urlOptions} added to its rwsplit URL. */
    public static ConfigurableApplicationContext start(ReplicationCluster cluster, String... urlOptions) {
        List<String> options = new ArrayList<>(List.of("pool.maximumPoolSize=10"));
        options.addAll(List.of(urlOptions));
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + ExampleUrls.rwsplit(cluster, options.toArray(String[]::new)),
                "spring.datasource.username=" + cluster.appUser(),
                "spring.datasource.password=" + cluster.appPassword()));
        HibernateServerSettings.forServer(cluster.serverVersion())
                .forEach((key, value) -> properties.add("spring.jpa.properties." + key + "=" + value));
        return new SpringApplicationBuilder(SpringBootExample.class)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    private static void show(String what, String where) {
        System.out.printf("  %-78s -> %s%n", what, where);
    }

    private static String node(ReplicationCluster cluster, long serverId) {
        return cluster.nodeByServerId(serverId).name();
    }
}
