package io.github.rwsplit.testcluster;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Shares one cluster (a primary and {@value #REPLICAS} replicas) among all test classes of a JVM:
 * starting one costs seconds, resetting it a fraction of one. The cluster starts on first use,
 * {@link ReplicationCluster#reset() resets} before every test class but the first, and stops when
 * the JVM exits.
 *
 * <p>A class whose tests inflict faults on each other's cluster should call {@code reset()} after
 * each test itself.
 */
public final class ReplicationClusterExtension implements BeforeAllCallback, ParameterResolver {

    static final int REPLICAS = 2;

    private static ReplicationCluster shared;
    private static RuntimeException startFailure;
    private static boolean pristine;

    /** The shared cluster, started if need be; for code that is not a parameterised test. */
    public static synchronized ReplicationCluster cluster() {
        if (startFailure != null) {
            // One failed start is enough: every later class fails fast with the same cause.
            throw new ClusterException("the shared cluster failed to start earlier in this JVM", startFailure);
        }
        if (shared == null) {
            try {
                shared = ReplicationCluster.start(REPLICAS);
                pristine = true;
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return shared;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ReplicationCluster cluster = cluster();
        synchronized (ReplicationClusterExtension.class) {
            if (pristine) {
                pristine = false;
                return;
            }
        }
        cluster.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ReplicationCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return cluster();
    }
}
