package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.Cluster;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.Options;
import io.github.rwsplit.metrics.ClusterMBeanRegistration;
import io.github.rwsplit.internal.routing.Router;
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
            Router router = new Router(cluster);
            ClusterMBeanRegistration mbean = config.get(Options.JMX)
                    ? ClusterMBeanRegistration.register(config.clusterName(), router::stats) : null;
            shared = new SharedCluster(config, router, mbean);
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
            // Under the lock: a cluster of the same name starting now must find the name free, not lose it to us.
            if (shared.mbean != null) {
                shared.mbean.unregister();
            }
        }
        shared.router.cluster().close();
    }

    /** A started cluster and how many holders it has. */
    static final class SharedCluster {
        private final ClusterConfig config;
        private final Router router;
        /** The cluster's MBean while it is open, when jmx=true; null otherwise. */
        private final ClusterMBeanRegistration mbean;
        private int references = 1;

        private SharedCluster(ClusterConfig config, Router router, ClusterMBeanRegistration mbean) {
            this.config = config;
            this.router = router;
            this.mbean = mbean;
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
