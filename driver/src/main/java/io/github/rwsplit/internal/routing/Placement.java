package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.metrics.FallbackReason;

/**
 * Where one execution runs: the lease it holds, why a replica-eligible read ran on the primary (or null), and whether
 * a connection failure may be retried on another node (a read on a freshly borrowed connection, outside transactions).
 */
public record Placement(PhysicalConnection lease, FallbackReason fallback, boolean retryable) {
}
