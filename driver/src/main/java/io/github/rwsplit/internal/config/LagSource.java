package io.github.rwsplit.internal.config;

/** How replica lag is measured. */
public enum LagSource {
    AUTO,
    REPLICA_STATUS,
    HEARTBEAT
}
