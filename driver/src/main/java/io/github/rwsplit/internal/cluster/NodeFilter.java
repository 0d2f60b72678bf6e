package io.github.rwsplit.internal.cluster;

/** Narrows the readers a balancer may pick for one statement (a lag bound, a node to avoid on retry). */
@FunctionalInterface
public interface NodeFilter {
    NodeFilter ANY = node -> true;

    /**
     * Nodes whose latest verdict lets them serve: the topology is rebuilt just after a verdict changes, and a read in
     * between must not reach a node already called lagging or down.
     */
    NodeFilter UP = node -> node.health().isUp();

    boolean accepts(Node node);
}
