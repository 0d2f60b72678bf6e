package io.github.rwsplit.cluster;

/** Narrows the readers a balancer may pick for one statement (a lag bound, a node to avoid on retry). */
@FunctionalInterface
public interface NodeFilter {
    NodeFilter ANY = node -> true;

    boolean accepts(Node node);
}
