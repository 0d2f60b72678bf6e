package io.github.rwsplit.internal.config;

/** When the primary serves reads. */
public enum ReadFromPrimary implements UrlNamed {
    FALLBACK("fallback"),
    NEVER("never"),
    ALWAYS("always");

    private final String urlName;

    ReadFromPrimary(String urlName) {
        this.urlName = urlName;
    }

    @Override
    public String urlName() {
        return urlName;
    }
}
