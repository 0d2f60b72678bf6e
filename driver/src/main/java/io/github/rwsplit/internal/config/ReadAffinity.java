package io.github.rwsplit.internal.config;

/** How long a logical connection keeps the replica a read was placed on. */
public enum ReadAffinity implements UrlNamed {
    /** Every read outside a transaction is placed anew by the balancer. */
    STATEMENT("statement"),
    /** A logical connection keeps its replica while that replica may serve its reads. */
    CONNECTION("connection");

    private final String urlName;

    ReadAffinity(String urlName) {
        this.urlName = urlName;
    }

    @Override
    public String urlName() {
        return urlName;
    }
}
