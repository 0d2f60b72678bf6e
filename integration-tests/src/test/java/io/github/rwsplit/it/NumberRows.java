package io.github.rwsplit.it;

import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A query that returns the numbers 1 to n, one row each, with no table and in SQL that MySQL and MariaDB both accept
 * (MariaDB's {@code seq_1_to_n} tables are its own; a recursive CTE would stop at MySQL's default depth of 1000).
 */
final class NumberRows {
    private static final String DIGITS = IntStream.rangeClosed(0, 9).mapToObj(d -> "SELECT " + d)
            .collect(Collectors.joining(" UNION ALL "));

    private NumberRows() {
    }

    /** {@code SELECT columns FROM numbers WHERE seq <= last}, where {@code seq} runs from 1 to {@code last}. */
    static String select(String columns, int last) {
        // Digits enough for 0 to last - 1.
        int places = Integer.toString(Math.max(0, last - 1)).length();
        String sum = IntStream.range(0, places)
                .mapToObj(place -> "d" + place + ".d * 1" + String.join("", Collections.nCopies(place, "0")))
                .collect(Collectors.joining(" + "));
        String product = IntStream.range(0, places).mapToObj(place -> "digits d" + place)
                .collect(Collectors.joining(" CROSS JOIN "));
        return "WITH digits (d) AS (" + DIGITS + "), numbers (seq) AS (SELECT 1 + " + sum + " FROM " + product + ")"
                + " SELECT " + columns + " FROM numbers WHERE seq <= " + last;
    }
}
