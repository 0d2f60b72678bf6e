package io.github.rwsplit.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads rwsplit hint comments: {@code /*rwsplit:ITEM[,ITEM]...*}{@code /}, with optional spaces around the keyword
 * and the colon, keyword and items in any case. Items: {@code primary}, {@code replica}, {@code maxLag=DURATION}
 * where DURATION is {@code 500ms}, {@code 2s}, {@code 1m} or a bare number of milliseconds. Anything else, a
 * malformed duration included, is an unknown item: reported in {@link Hints#unknownItems()} (each distinct text
 * once, up to {@link #MAX_UNKNOWN_ITEMS}) and logged once.
 * Hints in {@code #} or {@code --} comments are not hints.
 */
final class HintReader {
    private static final String PREFIX = "rwsplit";
    private static final int MAX_DURATION_DIGITS = 12;
    /** Enough to show what went wrong, and a bound on the work for text with thousands of hint comments. */
    static final int MAX_UNKNOWN_ITEMS = 16;

    private final UnknownHintLog unknownHintLog;

    HintReader(UnknownHintLog unknownHintLog) {
        this.unknownHintLog = unknownHintLog;
    }

    /**
     * Merges the hint in the block comment whose content is {@code sql[from, to)} into {@code soFar}; returns
     * {@code soFar} itself when the comment is not a hint. Several hints combine: any primary or replica item counts
     * and the smallest maxLag wins.
     */
    Hints read(String sql, int from, int to, Hints soFar) {
        int i = skipSpaces(sql, from, to);
        if (to - i < PREFIX.length() || !sql.regionMatches(true, i, PREFIX, 0, PREFIX.length())) {
            return soFar;
        }
        i = skipSpaces(sql, i + PREFIX.length(), to);
        if (i >= to || sql.charAt(i) != ':') {
            return soFar;
        }
        boolean primary = soFar.primary();
        boolean replica = soFar.replica();
        long maxLag = soFar.maxLagMillis();
        List<String> unknown = new ArrayList<>(soFar.unknownItems());
        int itemStart = i + 1;
        while (itemStart <= to) {
            int itemEnd = itemStart;
            while (itemEnd < to && sql.charAt(itemEnd) != ',') {
                itemEnd++;
            }
            String item = sql.substring(itemStart, itemEnd).strip();
            if (item.equalsIgnoreCase("primary")) {
                primary = true;
            } else if (item.equalsIgnoreCase("replica")) {
                replica = true;
            } else if (!item.isEmpty()) {
                long lag = maxLagOf(item);
                if (lag < 0) {
                    if (unknown.size() < MAX_UNKNOWN_ITEMS && !unknown.contains(item)) {
                        unknown.add(item);
                    }
                    unknownHintLog.report(item);
                } else {
                    maxLag = maxLag < 0 ? lag : Math.min(maxLag, lag);
                }
            }
            itemStart = itemEnd + 1;
        }
        return new Hints(primary, replica, maxLag, unknown);
    }

    /** The milliseconds of a {@code maxLag=DURATION} item, or -1 when the item is anything else. */
    private static long maxLagOf(String item) {
        int equals = item.indexOf('=');
        if (equals < 0 || !item.substring(0, equals).strip().equalsIgnoreCase("maxLag")) {
            return -1;
        }
        String value = item.substring(equals + 1).strip().toLowerCase(Locale.ROOT);
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > MAX_DURATION_DIGITS) {
            return -1;
        }
        long amount = Long.parseLong(value.substring(0, digits));
        switch (value.substring(digits).strip()) {
            case "":
            case "ms":
                return amount;
            case "s":
                return amount * 1_000;
            case "m":
                return amount * 60_000;
            default:
                return -1;
        }
    }

    private static int skipSpaces(String sql, int from, int to) {
        int i = from;
        while (i < to && Character.isWhitespace(sql.charAt(i))) {
            i++;
        }
        return i;
    }
}
