package io.github.rwsplit.internal.config;

/** How long a logical connection keeps the replica a read was placed on. */
public enum ReadAffinity {
    /** Every read outside a transaction is placed anew by the balancer. */
    STATEMENT,
    /** A logical connection keeps its replica while that replica may serve its reads. */
    CONNECTION
}
