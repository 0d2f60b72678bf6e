package io.github.rwsplit.internal.config;

/** When the primary serves reads. */
public enum ReadFromPrimary {
    FALLBACK,
    NEVER,
    ALWAYS
}
