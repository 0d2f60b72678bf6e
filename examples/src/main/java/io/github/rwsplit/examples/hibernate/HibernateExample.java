package io.github.rwsplit.examples.hibernate;

import io.github.rwsplit.examples.ClusterActivity;
import io.github.rwsplit.examples.ExampleUrls;
import io.github.rwsplit.examples.HibernateServerSettings;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.util.List;

/** Hibernate ORM without Spring: schema creation and writes on the primary, reads and read-only sessions on replicas. */
public final class HibernateExample {
    private HibernateExample() {
    }

    public static void main(String[] args) {
        try (ReplicationCluster cluster = ReplicationCluster.start(2);
             RwSplitDataSource dataSource = dataSource(cluster);
             TicketStore store = new TicketStore(dataSource, HibernateServerSettings.forServer(cluster.serverVersion()))) {
            System.out.println();
            System.out.println("Hibernate created the ticket table through rwsplit (DDL on the primary).");

            ClusterStats before = dataSource.getClusterStats();
            TicketStore.Opened opened = store.open(List.of("printer on fire", "VPN drops", "no coffee"));
            print("read-write transaction: persist 3 tickets", cluster, -1, before, dataSource);

            before = dataSource.getClusterStats();
            Ticket first = store.find(opened.ids().get(0), opened.token());
            print("plain read in another session, after token " + opened.token() + ": " + first.getSubject(),
                    cluster, -1, before, dataSource);

            before = dataSource.getClusterStats();
            TicketStore.Served<List<Ticket>> open = store.openTickets();
            print("read-only session: " + open.value().size() + " open tickets", cluster, open.serverId(), before,
                    dataSource);

            before = dataSource.getClusterStats();
            TicketStore.Served<Ticket> closed = store.close(first.getId());
            print("read-write transaction: find and close ticket " + closed.value().getId(), cluster,
                    closed.serverId(), before, dataSource);
            System.out.println();
        }
    }

    public static RwSplitDataSource dataSource(ReplicationCluster cluster, String... urlOptions) {
        RwSplitDataSource dataSource = new RwSplitDataSource(ExampleUrls.rwsplit(cluster, urlOptions));
        dataSource.setUser(cluster.appUser());
        dataSource.setPassword(cluster.appPassword());
        return dataSource;
    }

    private static void print(String what, ReplicationCluster cluster, long serverId, ClusterStats before,
                              RwSplitDataSource dataSource) {
        System.out.println();
        System.out.println(what + (serverId < 0 ? "" : "   (@@server_id: " + cluster.nodeByServerId(serverId).name() + ")"));
        ClusterActivity.between(before, dataSource.getClusterStats()).toString().lines()
                .forEach(line -> System.out.println("    " + line));
    }
}
