package io.github.rwsplit.metrics;

import java.util.List;

/**
 * The JMX view of one cluster, registered as {@code io.github.rwsplit:type=Cluster,name=<clusterName>} while the
 * cluster is open and {@code jmx=true}. Every attribute is read from a fresh {@link ClusterStats} snapshot; as an
 * MXBean, {@link #getNodes()} reaches JMX clients as an array of {@code CompositeData} whose items are the components
 * of {@link NodeStats} ({@code fallbacks} a table from reason to count), so no rwsplit class is needed to read it.
 */
public interface ClusterMXBean {

    String getClusterName();

    /** Every node's figures, primary first. */
    List<NodeStats> getNodes();

    /** Statements the lexical classifier handed to the SQL parser. */
    long getParserCalls();

    /** Statements that neither the classifier nor the parser understood (they went to the primary). */
    long getParseFailures();

    /**
     * Optimistic transactions by outcome; a {@code CompositeData} with items {@code started}, {@code endedOnReplica},
     * {@code moved} and {@code refused}.
     */
    OptimisticStats getOptimisticTransactions();

    /**
     * In shadow mode ({@code routing=shadow}), where statements would have run: a {@code CompositeData} with
     * {@code byNode} (node to count) and {@code primaryReasons} (reason to count); both empty otherwise.
     */
    ShadowStats getShadow();
}
