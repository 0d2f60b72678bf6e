package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.StubCluster;
import org.junit.jupiter.api.AfterEach;

/**
 * A routing session over in-memory nodes, for the tests of routing decisions: {@code stubs} scripts the nodes,
 * {@code routed} runs statements through the session, and {@link #reconnect} starts both over on another URL.
 */
abstract class StubRoutingTest {
    StubCluster stubs;
    RoutedSession routed;

    StubRoutingTest(String url) {
        connect(url);
    }

    @AfterEach
    void closeStubs() {
        stubs.close();
    }

    /** Closes the nodes and opens a new cluster and session on {@code url}. */
    void reconnect(String url) {
        stubs.close();
        connect(url);
    }

    private void connect(String url) {
        stubs = StubCluster.of(url);
        routed = new RoutedSession(stubs);
    }
}
