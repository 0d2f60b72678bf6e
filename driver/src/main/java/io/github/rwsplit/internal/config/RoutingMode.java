package io.github.rwsplit.internal.config;

/** Whether statements are routed, or all run on the primary while rwsplit only counts where they would have gone. */
public enum RoutingMode {
    SPLIT,
    SHADOW
}
