package io.github.rwsplit.metrics;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster's {@link ClusterMXBean} in the platform MBean server, from the cluster's start to its close. JMX is a
 * convenience: a registration that fails (another cluster holds the name, a security manager refuses) is logged and
 * the cluster works on without it.
 */
public final class ClusterMBeanRegistration {
    private static final Logger log = LoggerFactory.getLogger(ClusterMBeanRegistration.class);
    static final String DOMAIN = "io.github.rwsplit";
    /** Characters an unquoted ObjectName value may not hold; the default cluster name "h1:3306,h2:3306" has two. */
    private static final String NEEDS_QUOTING = ",=:\"*?\n\\";

    private final MBeanServer server;
    private final ObjectName name;

    private ClusterMBeanRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** Registers the cluster's MBean; never throws. {@link #unregister()} takes it away again. */
    public static ClusterMBeanRegistration register(String clusterName, Supplier<ClusterStats> stats) {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try {
            name = objectName(clusterName);
        } catch (MalformedObjectNameException e) {
            // Unreachable with a quoted value, but a name is not worth failing a connect for.
            log.warn("rwsplit[{}]: no MBean: {}", clusterName, e.getMessage());
            return new ClusterMBeanRegistration(server, null);
        }
        try {
            server.registerMBean(new View(clusterName, stats), name);
            log.debug("rwsplit[{}]: registered MBean {}", clusterName, name);
            return new ClusterMBeanRegistration(server, name);
        } catch (InstanceAlreadyExistsException e) {
            log.warn("rwsplit[{}]: another cluster already registered the MBean {}; this one has none. Give each cluster"
                    + " its own clusterName to see both", clusterName, name);
        } catch (JMException | RuntimeException e) {
            log.warn("rwsplit[{}]: could not register the MBean {}: {}", clusterName, name, e.toString());
        }
        return new ClusterMBeanRegistration(server, null);
    }

    /** {@code io.github.rwsplit:type=Cluster,name=<clusterName>}, the name quoted where it holds special characters. */
    public static ObjectName objectName(String clusterName) throws MalformedObjectNameException {
        boolean quote = clusterName.isEmpty() || clusterName.chars().anyMatch(c -> NEEDS_QUOTING.indexOf(c) >= 0);
        return new ObjectName(DOMAIN + ":type=Cluster,name=" + (quote ? ObjectName.quote(clusterName) : clusterName));
    }

    /** Removes the MBean if this registration made it; never throws. */
    public void unregister() {
        if (name == null) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it already (a JMX client may); nothing left to do.
        } catch (JMException | RuntimeException e) {
            log.warn("could not unregister the MBean {}: {}", name, e.toString());
        }
    }

    private record View(String clusterName, Supplier<ClusterStats> stats) implements ClusterMXBean {
        @Override
        public String getClusterName() {
            return clusterName;
        }

        @Override
        public List<NodeStats> getNodes() {
            return stats.get().nodes();
        }

        @Override
        public long getParserCalls() {
            return stats.get().parserCalls();
        }

        @Override
        public long getParseFailures() {
            return stats.get().parseFailures();
        }

        @Override
        public OptimisticStats getOptimisticTransactions() {
            return stats.get().optimistic();
        }

        @Override
        public ShadowStats getShadow() {
            return stats.get().shadow();
        }
    }
}
