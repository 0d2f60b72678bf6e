package io.github.rwsplit.internal.sql;

import java.util.List;

/**
 * A way a server may read SQL text whose tokens depend on its settings: whether a backslash escapes a quote
 * (not under sql_mode NO_BACKSLASH_ESCAPES), and whether the content of a conditional executable comment is code:
 * {@code /*!80023 ...*}{@code /} runs only on servers of that version or later (every supported server runs those
 * for versions before 8.0), {@code /*M!...*}{@code /} only on MariaDB. The classifier routes such text so that it
 * is safe under every reading.
 */
enum Reading {
    /** Backslash escapes, conditional comments run: what the servers this driver targets mostly do. */
    USUAL(true, true),
    NO_BACKSLASH_ESCAPES(false, true),
    CONDITIONAL_COMMENTS_SKIPPED(true, false),
    NO_BACKSLASH_ESCAPES_CONDITIONAL_COMMENTS_SKIPPED(false, false);

    /** Every reading but {@link #USUAL}. */
    static final List<Reading> ALTERNATIVES =
            List.of(NO_BACKSLASH_ESCAPES, CONDITIONAL_COMMENTS_SKIPPED, NO_BACKSLASH_ESCAPES_CONDITIONAL_COMMENTS_SKIPPED);

    final boolean backslashEscapes;
    final boolean conditionalCommentsRun;

    Reading(boolean backslashEscapes, boolean conditionalCommentsRun) {
        this.backslashEscapes = backslashEscapes;
        this.conditionalCommentsRun = conditionalCommentsRun;
    }
}
