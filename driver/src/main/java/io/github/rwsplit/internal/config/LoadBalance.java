package io.github.rwsplit.internal.config;

/** How reads pick a replica. */
public enum LoadBalance {
    ROUND_ROBIN,
    RANDOM,
    LEAST_CONNECTIONS,
    LEAST_LATENCY
}
