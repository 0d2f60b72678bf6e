package io.github.rwsplit.config;

/** An enum option value as the URL spells it. */
public interface UrlNamed {
    String urlName();
}
