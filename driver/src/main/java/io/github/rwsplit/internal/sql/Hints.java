package io.github.rwsplit.internal.sql;

import java.util.List;
import java.util.Objects;

/**
 * The routing hints of a statement, from comments of the form {@code /*rwsplit:ITEM[,ITEM]...*}{@code /}.
 *
 * @param primary      {@code primary} was given: run on the primary
 * @param replica      {@code replica} was given: a read may go to a replica even where it otherwise would not
 * @param maxLagMillis the smallest {@code maxLag=DURATION} given, in milliseconds; -1 when absent
 * @param unknownItems the distinct items that were not understood, in order, as written (trimmed); at most 16
 */
public record Hints(boolean primary, boolean replica, long maxLagMillis, List<String> unknownItems) {

    /** No hint at all. */
    public static final Hints NONE = new Hints(false, false, -1, List.of());

    public Hints {
        unknownItems = List.copyOf(Objects.requireNonNull(unknownItems, "unknownItems"));
        if (maxLagMillis < -1) {
            throw new IllegalArgumentException("maxLagMillis must be -1 (absent) or >= 0: " + maxLagMillis);
        }
    }
}
