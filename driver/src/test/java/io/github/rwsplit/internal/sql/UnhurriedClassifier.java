package io.github.rwsplit.internal.sql;

/**
 * Classifiers for tests that check what the parser fallback decides: its time limit (50 ms in production, where a
 * parse that long means the input is hostile) is one minute here, so a loaded machine cannot turn a verdict into
 * "not understood".
 */
final class UnhurriedClassifier {
    private static final long PARSER_TIME_LIMIT_MILLIS = 60_000;

    private UnhurriedClassifier() {
    }

    static SqlClassifier of(int cacheCapacity) {
        return new SqlClassifier(cacheCapacity, SqlClassifier.DEFAULT_CACHE_CHARACTERS,
                new FallbackParser(PARSER_TIME_LIMIT_MILLIS));
    }
}
