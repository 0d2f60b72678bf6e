package io.github.rwsplit.internal.config;

/** How replica lag is measured. */
public enum LagSource implements UrlNamed {
    AUTO("auto"),
    REPLICA_STATUS("replicaStatus"),
    HEARTBEAT("heartbeat");

    private final String urlName;

    LagSource(String urlName) {
        this.urlName = urlName;
    }

    @Override
    public String urlName() {
        return urlName;
    }
}
