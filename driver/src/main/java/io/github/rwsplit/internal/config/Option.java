package io.github.rwsplit.internal.config;

import java.util.function.Function;

/**
 * One rwsplit option, declared once in {@link Options}: its URL key, value type, default and one-line meaning. URL
 * parsing, validation, {@code Driver.getPropertyInfo} and the option reference are all derived from these declarations.
 */
public final class Option<T> {
    private final String key;
    private final ValueType<T> type;
    private final T defaultValue;
    private final Function<ClusterConfig, T> derivedDefault;
    private final String defaultText;
    private final String doc;

    private Option(String key, ValueType<T> type, T defaultValue, Function<ClusterConfig, T> derivedDefault,
                   String defaultText, String doc) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.derivedDefault = derivedDefault;
        this.defaultText = defaultText;
        this.doc = doc;
    }

    static <T> Option<T> of(String key, ValueType<T> type, T defaultValue, String doc) {
        return new Option<>(key, type, defaultValue, null, type.format(defaultValue), doc);
    }

    /** An option whose default depends on the rest of the configuration (described in words in the reference). */
    static <T> Option<T> derived(String key, ValueType<T> type, Function<ClusterConfig, T> derivedDefault,
                                 String defaultText, String doc) {
        return new Option<>(key, type, null, derivedDefault, defaultText, doc);
    }

    public String key() {
        return key;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The default, or null when it is derived from the rest of the configuration. */
    public T defaultValue() {
        return defaultValue;
    }

    T defaultFor(ClusterConfig config) {
        return derivedDefault != null ? derivedDefault.apply(config) : defaultValue;
    }

    /** The default as the reference prints it. */
    public String defaultText() {
        return defaultText;
    }

    public String doc() {
        return doc;
    }

    @Override
    public String toString() {
        return key;
    }
}
