package io.github.rwsplit.internal.routing;

/**
 * One read an optimistic transaction made on its replica: how to run it again, and what the application received
 * from it so far (a checksum of the rows it moved to, whether it saw their end).
 */
final class ReplayedRead {
    final String sql;
    final ReadReplay replay;
    ResultChecksum received = new ResultChecksum();
    /** Whether the application moved past the last row, so the primary must have no more rows either. */
    boolean exhausted;
    /** Whether a scrollable result was checksummed whole, since the application may reach any of its rows. */
    boolean whole;
    /** The application's result set while it is open and may still read rows; null otherwise. */
    RecordedResults open;

    ReplayedRead(String sql, ReadReplay replay) {
        this.sql = sql;
        this.replay = replay;
    }

    void readWhole(ResultChecksum all) {
        received = all;
        exhausted = true;
        whole = true;
    }

    /** Whether the application received anything to compare, or may still read rows that must come from the primary. */
    boolean needsReplay() {
        return received.rows() > 0 || exhausted || open != null;
    }

    /** Whether the open result set still has rows to give, which must then come from the primary. */
    boolean continuesOnPrimary() {
        return open != null && !exhausted;
    }
}
