package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.metrics.FallbackReason;

/**
 * Where one read runs, and why it runs on the primary when it does.
 *
 * @param fallback null when the read runs where its route intended (a replica, or the primary under
 *                 readFromPrimary=always)
 */
public record ReadChoice(Node node, FallbackReason fallback) {
}
