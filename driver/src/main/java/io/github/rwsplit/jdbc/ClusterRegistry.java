package io.github.rwsplit.jdbc;

import io.github.rwsplit.cluster.Cluster;
import io.github.rwsplit.config.ClusterConfig;
import io.github.rwsplit.routing.Router;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * One {@link Cluster} per distinct configuration (hosts, options, credentials), shared by every logical connection
 * that uses it and closed when the last one lets go.
 */
final class ClusterRegistry {
    private static final Map<ClusterConfig, SharedCluster> clusters = new HashMap<>();

    private ClusterRegistry() {
    }

    /** A reference to the cluster for {@code config}, started if this is the first; release it with {@link SharedCluster#release()}. */
    static SharedCluster acquire(ClusterConfig config) throws SQLException {
        synchronized (clusters) {
            SharedCluster shared = clusters.get(config);
            if (shared != null) {
                shared.references++;
                return shared;
            }
            Cluster cluster = new Cluster(config);
            try {
                cluster.start();
            } catch (SQLException | RuntimeException e) {
                cluster.close();
                throw e;
            }
            shared = new SharedCluster(config, new Router(cluster));
            clusters.put(config, shared);
            return shared;
        }
    }

    static void release(SharedCluster shared) {
        synchronized (clusters) {
            if (--shared.references > 0) {
                return;
            }
            clusters.remove(shared.config);
        }
        shared.router.cluster().close();
    }

    /** A started cluster and how many holders it has. */
    static final class SharedCluster {
        private final ClusterConfig config;
        private final Router router;
        private int references = 1;

        private SharedCluster(ClusterConfig config, Router router) {
            this.config = config;
            this.router = router;
        }

        Router router() {
            return router;
        }

        /** Another holder of the same cluster (a logical connection of a data source that holds it already). */
        SharedCluster retain() {
            synchronized (clusters) {
                references++;
            }
            return this;
        }

        void release() {
            ClusterRegistry.release(this);
        }
    }
}
