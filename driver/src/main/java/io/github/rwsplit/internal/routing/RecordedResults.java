package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.delegation.DelegatingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The result set of a read an optimistic transaction made on its replica: it adds each row the application moves to
 * into the read's checksum. When the transaction moves to the primary while this result set is still open, the rows
 * received so far are verified there, and the rest come from the primary's result of the same read, as if the
 * transaction had run there from its start.
 *
 * <p>Forward-only results are checksummed row by row as the application reaches them; a scrollable one, at its first
 * scroll, whole (its rows are all in memory already, and the application may reach any of them).
 */
final class RecordedResults extends DelegatingResultSet {
    private static final Logger log = LoggerFactory.getLogger(RecordedResults.class);

    /** The read being recorded; null once the transaction left the replica, so nothing more is recorded. */
    private ReplayedRead read;
    private boolean[] binary;
    /** After a move: the primary connection the rows now come from, held until this result set closes. */
    private PhysicalConnection primary;

    RecordedResults(ResultSet replicaResults, ReplayedRead read) {
        super(replicaResults);
        this.read = read;
        read.open = this;
    }

    @Override
    public boolean next() throws SQLException {
        boolean more = delegate.next();
        ReplayedRead recording = read;
        if (recording != null) {
            if (more) {
                if (binary == null) {
                    binary = ResultChecksum.binaryColumns(delegate);
                }
                recording.received.row(delegate, binary);
            } else {
                recording.exhausted = true;
            }
        }
        return more;
    }

    @Override
    public boolean previous() throws SQLException {
        readWhole();
        return delegate.previous();
    }

    @Override
    public boolean first() throws SQLException {
        readWhole();
        return delegate.first();
    }

    @Override
    public boolean last() throws SQLException {
        readWhole();
        return delegate.last();
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        readWhole();
        return delegate.absolute(row);
    }

    @Override
    public boolean relative(int rows) throws SQLException {
        readWhole();
        return delegate.relative(rows);
    }

    @Override
    public void beforeFirst() throws SQLException {
        readWhole();
        delegate.beforeFirst();
    }

    @Override
    public void afterLast() throws SQLException {
        readWhole();
        delegate.afterLast();
    }

    /** Checksums every row of a scrollable result and puts the cursor back where it was. */
    private void readWhole() throws SQLException {
        ReplayedRead recording = read;
        if (recording == null || recording.whole) {
            return;
        }
        int at = delegate.getRow();
        boolean afterLast = delegate.isAfterLast();
        boolean[] columns = ResultChecksum.binaryColumns(delegate);
        ResultChecksum all = new ResultChecksum();
        delegate.beforeFirst();
        while (delegate.next()) {
            all.row(delegate, columns);
        }
        recording.readWhole(all);
        if (afterLast) {
            delegate.afterLast();
        } else if (at > 0) {
            delegate.absolute(at);
        } else {
            delegate.beforeFirst();
        }
    }

    /**
     * The transaction moved: the replica's rows received so far equal the primary's, and the rest are read from
     * {@code primaryResults}, positioned on the same row.
     */
    void continueOn(ResultSet primaryResults, PhysicalConnection primaryLease) {
        ResultSet replicaResults = delegate;
        delegate = primaryResults;
        primary = primaryLease.hold();
        stopRecording();
        try {
            replicaResults.close();
        } catch (SQLException e) {
            log.debug("closing a replica result set after the transaction moved failed", e);
        }
    }

    /** The transaction left the replica (it moved or ended): nothing more to record. */
    void stopRecording() {
        ReplayedRead recording = read;
        read = null;
        if (recording != null) {
            recording.open = null;
        }
    }

    @Override
    public Statement getStatement() throws SQLException {
        return delegate.getStatement();
    }

    @Override
    public void close() throws SQLException {
        stopRecording();
        PhysicalConnection held = primary;
        primary = null;
        if (held == null) {
            delegate.close();
            return;
        }
        try {
            Statement replayed = delegate.getStatement();
            delegate.close();
            replayed.close();
        } finally {
            held.release();
        }
    }
}
