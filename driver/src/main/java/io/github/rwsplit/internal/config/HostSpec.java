package io.github.rwsplit.internal.config;

/** One server of the URL: host name or address, and port. */
public record HostSpec(String host, int port) {
    public static final int DEFAULT_PORT = 3306;

    /** The host as a URL writes it: IPv6 literals in brackets. */
    public String urlHost() {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    @Override
    public String toString() {
        return urlHost() + ":" + port;
    }
}
