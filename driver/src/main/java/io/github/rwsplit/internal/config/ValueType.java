package io.github.rwsplit.internal.config;

import java.util.List;

/** How an option's text becomes a typed value, and what text is accepted (for error messages and the reference). */
public interface ValueType<T> {

    /**
     * @throws ConfigProblem naming the key, the value and the accepted form
     */
    T parse(String key, String text) throws ConfigProblem;

    /** The accepted form, e.g. "a duration: 500ms, 2s, 1m or milliseconds; at least 50ms". */
    String accepted();

    /** A value written back as the URL would spell it. */
    String format(T value);

    /** The values a tool may offer, or empty when any text of the accepted form goes. */
    default List<String> choices() {
        return List.of();
    }

    static ConfigProblem invalid(String key, String text, String accepted) {
        return new ConfigProblem("invalid value '" + text + "' for option '" + key + "': expected " + accepted);
    }
}
