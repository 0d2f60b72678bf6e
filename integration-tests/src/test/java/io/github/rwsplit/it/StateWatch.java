package io.github.rwsplit.it;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples every node's state in a data source's cluster stats every 20 ms until closed, and remembers each state a node
 * was seen in: a state that lasts one monitor round cannot slip between two samples.
 */
final class StateWatch implements AutoCloseable {
    private final RwSplitDataSource dataSource;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Connects {@code dataSource} first if it has not connected yet: its cluster exists from then on. */
    StateWatch(RwSplitDataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        dataSource.getConnection().close();
        thread = new Thread(this::sample, "state-watch");
        thread.setDaemon(true);
        sampleOnce();
        thread.start();
    }

    private void sample() {
        while (running) {
            sampleOnce();
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void sampleOnce() {
        List<NodeStats> nodes = dataSource.getClusterStats().nodes();
        for (NodeStats node : nodes) {
            seen.computeIfAbsent(node.node(), n -> ConcurrentHashMap.newKeySet()).add(node.state());
        }
    }

    /** Every state {@code node} was seen in so far. */
    Set<String> statesOf(ClusterNode node) {
        return Set.copyOf(seen.getOrDefault(node.host() + ":" + node.port(), Set.of()));
    }

    /** Every state of every node so far, by {@code host:port}. */
    Map<String, Set<String>> all() {
        return Map.copyOf(seen);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
        sampleOnce();
    }
}
