package io.github.rwsplit.jdbc;

/** Update counts between executeBatch's {@code int[]} and executeLargeBatch's {@code long[]}. */
final class BatchCounts {
    private BatchCounts() {
    }

    /** For executeBatch: a count beyond an int is reported as Integer.MAX_VALUE. */
    static int[] narrow(long[] counts) {
        int[] narrow = new int[counts.length];
        for (int i = 0; i < counts.length; i++) {
            narrow[i] = (int) Math.min(Integer.MAX_VALUE, counts[i]);
        }
        return narrow;
    }

    /** For executeLargeBatch over a physical statement's executeBatch. */
    static long[] widen(int[] counts) {
        long[] wide = new long[counts.length];
        for (int i = 0; i < counts.length; i++) {
            wide[i] = counts[i];
        }
        return wide;
    }
}
