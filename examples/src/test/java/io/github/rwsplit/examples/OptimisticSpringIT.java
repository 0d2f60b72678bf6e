package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rwsplit.examples.spring.Book;
import io.github.rwsplit.examples.spring.BookRepository;
import io.github.rwsplit.examples.spring.BookshopService;
import io.github.rwsplit.examples.spring.SpringBootExample;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.OptimisticStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring read-write transactions ({@code @Transactional} without {@code readOnly}) that mostly read: with
 * optimisticTransactions their reads run on replicas, a read-then-write one moves to the primary verified, and the
 * application gets the same results as with the option off.
 */
@WithReplicationCluster
class OptimisticSpringIT {
    private final ReplicationCluster cluster;

    OptimisticSpringIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    /** What a read-write transaction that only reads returned: JPA and JdbcTemplate reads. */
    private record Browse(List<String> books, Long copies) {
    }

    private static Browse browse(ConfigurableApplicationContext context) {
        BookRepository books = context.getBean(BookRepository.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        TransactionTemplate readWrite = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        return readWrite.execute(status -> new Browse(
                books.findAll(Sort.by("title")).stream().map(book -> book.getTitle() + ": " + book.getStock())
                        .toList(),
                jdbc.queryForObject("SELECT COALESCE(SUM(stock), 0) FROM book", Long.class)));
    }

    private static ClusterStats stats(ConfigurableApplicationContext context) throws SQLException {
        return PooledClusterStats.read(context.getBean(DataSource.class));
    }

    @Test
    void readMostlyTransactionsRunTheirReadsOnReplicas_withTheSameResultsAsWithTheOptionOff() throws SQLException {
        try (ConfigurableApplicationContext off = SpringBootExample.start(cluster, "clusterName=spring-optimistic-off");
             ConfigurableApplicationContext on = SpringBootExample.start(cluster, "clusterName=spring-optimistic-on",
                     "optimisticTransactions=true")) {
            cluster.awaitReplication(Duration.ofSeconds(10));
            ClusterStats offBefore = stats(off);
            ClusterStats onBefore = stats(on);

            for (int i = 0; i < 5; i++) {
                assertEquals(browse(off), browse(on));
            }
            ClusterActivity withoutOption = ClusterActivity.between(offBefore, stats(off));
            ClusterActivity withOption = ClusterActivity.between(onBefore, stats(on));
            assertEquals(0, withoutOption.replicaReads(), "option off: " + withoutOption);
            assertEquals(0, withOption.primaryReads(), "option on: " + withOption);
            assertEquals(withoutOption.primaryReads(), withOption.replicaReads());

            Book first = on.getBean(BookRepository.class).findAll(Sort.by("title")).get(0);
            int stock = first.getStock();
            BookshopService.Sale sold = on.getBean(BookshopService.class).sell(first.getId(), 1);
            assertEquals(stock - 1, sold.stockLeft());
            assertEquals(cluster.primary(), cluster.nodeByServerId(sold.serverId()), "the sale moved to the primary");

            // Flyway's and Hibernate's start-up transactions counted too: compare with the figures before the workload.
            OptimisticStats atStart = onBefore.optimistic();
            OptimisticStats optimistic = stats(on).optimistic();
            assertEquals(5, optimistic.endedOnReplica() - atStart.endedOnReplica(), optimistic.toString());
            assertEquals(1, optimistic.moved() - atStart.moved(), optimistic.toString());
            assertEquals(0, optimistic.refused(), optimistic.toString());
        }
    }
}
