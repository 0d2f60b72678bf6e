package io.github.rwsplit.internal.config;

/** Whether statements are routed, or all run on the primary while rwsplit only counts where they would have gone. */
public enum RoutingMode implements UrlNamed {
    SPLIT("split"),
    SHADOW("shadow");

    private final String urlName;

    RoutingMode(String urlName) {
        this.urlName = urlName;
    }

    @Override
    public String urlName() {
        return urlName;
    }
}
