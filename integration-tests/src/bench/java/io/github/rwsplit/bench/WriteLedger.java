package io.github.rwsplit.bench;

import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The soak's write ledger: each key is inserted at most once by one writer, and recorded as acknowledged only when
 * the driver reported the insert (or its transaction's COMMIT) successful. The table has no unique key on purpose,
 * so a write the driver replayed behind the application's back would show as a duplicate.
 */
final class WriteLedger {
    static final String CREATE = "CREATE TABLE soak_ledger (id BIGINT AUTO_INCREMENT PRIMARY KEY, k BIGINT NOT NULL,"
            + " INDEX (k))";
    static final String INSERT = "INSERT INTO soak_ledger (k) VALUES (?)";

    /** What the primary holds, compared with what the application was told. */
    record Check(int acknowledged, int lost, int duplicated, int unacknowledgedButStored, int unexplained) {
    }

    private final Set<Long> attempted = ConcurrentHashMap.newKeySet();
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();

    void attempted(long key) {
        attempted.add(key);
    }

    void acknowledged(long key) {
        acknowledged.add(key);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Reads the ledger back from the primary directly, not through the driver under test. */
    Check check(ReplicationCluster cluster) throws SQLException {
        Map<Long, Integer> stored = new HashMap<>();
        try (Connection connection = cluster.primary().appConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT k, COUNT(*) FROM soak_ledger GROUP BY k")) {
            while (rows.next()) {
                stored.put(rows.getLong(1), rows.getInt(2));
            }
        }
        Set<Long> lost = new HashSet<>(acknowledged);
        lost.removeAll(stored.keySet());
        int duplicated = (int) stored.values().stream().filter(copies -> copies > 1).count();
        Set<Long> unknownOutcome = new HashSet<>(stored.keySet());
        unknownOutcome.removeAll(acknowledged);
        Set<Long> unexplained = new HashSet<>(unknownOutcome);
        unexplained.removeAll(attempted);
        return new Check(acknowledged.size(), lost.size(), duplicated, unknownOutcome.size() - unexplained.size(),
                unexplained.size());
    }
}
