package io.github.rwsplit.internal.config;

/** How reads pick a replica. */
public enum LoadBalance implements UrlNamed {
    ROUND_ROBIN("roundRobin"),
    RANDOM("random"),
    LEAST_CONNECTIONS("leastConnections"),
    LEAST_LATENCY("leastLatency");

    private final String urlName;

    LoadBalance(String urlName) {
        this.urlName = urlName;
    }

    @Override
    public String urlName() {
        return urlName;
    }
}
