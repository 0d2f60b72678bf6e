package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.routing.BatchClassification;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.Target;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The SQL texts a plain statement collected with addBatch(), and how executeBatch() sends them. The batch is
 * classified whole: a write anywhere in it is refused on a read-only connection before anything is sent, and otherwise
 * sends it all to the primary as one physical batch. A batch with session commands (SET, USE, BEGIN, COMMIT) runs
 * statement by statement, so that each is tracked as if run alone.
 */
final class SqlTextBatch {
    private final List<String> texts = new ArrayList<>();

    void add(String sql) {
        texts.add(sql);
    }

    /** Runs the batch through {@code statement}; {@code large} picks executeLargeBatch. */
    long[] run(RoutingStatement statement, boolean large) throws SQLException {
        List<Classification> classifications = new ArrayList<>(texts.size());
        boolean oneByOne = false;
        for (String sql : texts) {
            Classification classification = statement.classify(sql);
            classifications.add(classification);
            oneByOne |= BatchClassification.changesSession(classification);
        }
        statement.session.checkWritable(classifications);
        if (oneByOne) {
            return runOneByOne(statement);
        }
        Classification whole = BatchClassification.of(classifications);
        long[] counts = statement.run(texts.get(0), whole, false, (physical, text) -> {
            for (String sql : texts) {
                physical.addBatch(sql);
            }
            return large ? physical.executeLargeBatch() : BatchCounts.widen(physical.executeBatch());
        });
        // Connector/J answers getGeneratedKeys() after a Statement batch; the keys outlive the connection's lease.
        statement.current = statement.current.finishKeepingKeys(whole.target() == Target.WRITE);
        return counts;
    }

    private long[] runOneByOne(RoutingStatement statement) throws SQLException {
        long[] counts = new long[texts.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                counts[i] = statement.execute(texts.get(i)) ? Statement.SUCCESS_NO_INFO
                        : Math.max(0, statement.getLargeUpdateCount());
                statement.finishCurrent();
            } catch (SQLException e) {
                throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(),
                        Arrays.copyOf(counts, i), e);
            }
        }
        return counts;
    }
}
