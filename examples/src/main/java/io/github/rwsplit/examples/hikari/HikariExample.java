package io.github.rwsplit.examples.hikari;

import com.zaxxer.hikari.HikariDataSource;
import io.github.rwsplit.examples.ClusterActivity;
import io.github.rwsplit.examples.ExampleUrls;
import io.github.rwsplit.examples.PooledClusterStats;
import io.github.rwsplit.examples.StatsTable;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.time.Duration;

/**
 * HikariCP as the application's pool over rwsplit: eight application threads share eight pooled connections, look up
 * stock on the replicas and place orders in transactions on the primary; then the nodes' figures show where it all
 * ran and how few server connections it took.
 */
public final class HikariExample {
    private static final int REQUESTS_PER_THREAD = 100;

    private HikariExample() {
    }

    public static void main(String[] args) throws Exception {
        try (ReplicationCluster cluster = ReplicationCluster.start(2);
             HikariDataSource pool = OuterPool.create(ExampleUrls.rwsplit(cluster), cluster.appUser(),
                     cluster.appPassword())) {
            ShopWorkload shop = new ShopWorkload(pool);
            shop.createSchema();
            // As in a deployment, the schema is in place on every node before the application serves requests: the
            // requests run on other pooled connections, which read-your-writes does not cover
            // (see docs/read-your-writes.md).
            cluster.awaitReplication(Duration.ofSeconds(10));
            ClusterStats before = PooledClusterStats.read(pool);
            ShopWorkload.Outcome outcome = shop.run(OuterPool.SIZE, REQUESTS_PER_THREAD);
            ClusterStats after = PooledClusterStats.read(pool);

            System.out.println();
            System.out.printf("%d threads over HikariCP (maximumPoolSize=%d) over rwsplit: %d stock lookups outside"
                    + " transactions, %d orders in transactions%n", OuterPool.SIZE, OuterPool.SIZE,
                    outcome.lookups(), outcome.orders());
            System.out.println();
            System.out.println("Where the statements ran (rwsplit's counters for the workload):");
            ClusterActivity.between(before, after).toString().lines().forEach(line -> System.out.println("  " + line));
            System.out.println();
            System.out.printf("Outer pool: %d logical connections, none of them holding a server connection while"
                    + " idle.%n", pool.getHikariPoolMXBean().getTotalConnections());
            System.out.println("Per node (inner pools, pool.maximumPoolSize=" + OuterPool.SIZE + "):");
            new StatsTable(cluster, System.out).print(after);
            System.out.println();
        }
    }
}
