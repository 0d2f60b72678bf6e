package io.github.rwsplit.internal.config;

/** An enum option value as the URL spells it. */
public interface UrlNamed {
    String urlName();
}
