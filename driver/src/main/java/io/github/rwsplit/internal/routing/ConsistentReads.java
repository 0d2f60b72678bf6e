package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.GtidSet;
import io.github.rwsplit.internal.cluster.Node;
import io.github.rwsplit.internal.cluster.PhysicalConnection;
import io.github.rwsplit.internal.config.ReadFromPrimary;
import io.github.rwsplit.internal.session.ReadYourWrites;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.metrics.FallbackReason;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-your-writes (docs/routing.md): after this connection's writes, a read goes to a replica known to have applied
 * them; else to one that catches up within readYourWritesTimeout, waited for on the server; else to the primary. When
 * the primary cannot take it either, the read fails with 08001 saying why. Never a stale read.
 */
final class ConsistentReads {
    private static final Logger log = LoggerFactory.getLogger(ConsistentReads.class);

    private final boolean enabled;
    private final long timeoutMillis;
    private final long monitorIntervalNanos;
    private final long maxLagNanos;
    /** Created at the first write or handed-over position: most logical connections of a read path never need it. */
    private ReadYourWrites consistency;

    ConsistentReads(boolean enabled, long timeoutMillis, long monitorIntervalNanos, long maxLagNanos) {
        this.enabled = enabled;
        this.timeoutMillis = timeoutMillis;
        this.monitorIntervalNanos = monitorIntervalNanos;
        this.maxLagNanos = maxLagNanos;
    }

    private ReadYourWrites consistency() {
        if (consistency == null) {
            consistency = new ReadYourWrites(maxLagNanos, System::nanoTime);
        }
        return consistency;
    }

    boolean pending() {
        return enabled && consistency != null && consistency.pending();
    }

    PhysicalConnection place(PlacementRules rules, Classification classification, Node avoid) throws SQLException {
        if (consistency.primaryOnly()) {
            return onPrimary(rules);
        }
        GtidSet required = consistency.required();
        if (rules.cluster().replicas().stream().allMatch(replica -> replica.applied().includes(required))) {
            consistency.satisfiedEverywhere();
            return rules.onReader(classification, avoid);
        }
        NodeSelector selector = rules.selector();
        Node ready = selector.pickReader(classification, avoid, node -> node.isPrimary()
                || node.applied().includes(required));
        if (ready != null) {
            return rules.readerPlacement(ready, null, true);
        }
        Node candidate = timeoutMillis > 0 ? selector.pickReader(classification, avoid,
                node -> !node.missedCatchUpWithin(monitorIntervalNanos)) : null;
        if (candidate != null) {
            PhysicalConnection lease;
            try {
                lease = rules.readerPlacement(candidate, null, true);
            } catch (SQLException e) {
                if (!FailurePolicy.breaksConnection(e)) {
                    throw e;
                }
                return onPrimary(rules);
            }
            boolean caughtUp;
            try {
                caughtUp = caughtUp(lease, required);
            } catch (SQLException e) {
                if (FailurePolicy.breaksConnection(e)) {
                    throw e;
                }
                // The replica refused the wait itself (a position its server version cannot read, say): it cannot
                // prove it has the write, and the primary has it.
                log.warn("rwsplit: {} refused to wait for GTID position {} ({}); this read goes to the primary",
                        candidate, required, e.getMessage());
                candidate.missedCatchUp();
                return onPrimary(rules);
            }
            if (caughtUp) {
                candidate.advanceApplied(required);
                return lease;
            }
            candidate.missedCatchUp();
            lease.release();
        }
        return onPrimary(rules);
    }

    /**
     * Waits on the replica, server-side, until it has applied {@code required} or the timeout passes; on failure the
     * lease is given back (discarded when the failure broke it) before the exception leaves.
     */
    private boolean caughtUp(PhysicalConnection lease, GtidSet required) throws SQLException {
        try (PreparedStatement wait = lease.connection().prepareStatement(
                lease.node().flavor(lease.connection()).waitForPosition())) {
            wait.setString(1, required.toString());
            wait.setBigDecimal(2, BigDecimal.valueOf(timeoutMillis, 3));
            try (ResultSet result = wait.executeQuery()) {
                return result.next() && result.getLong(1) == 0 && !result.wasNull();
            }
        } catch (SQLException e) {
            if (FailurePolicy.breaksConnection(e)) {
                lease.discard();
            }
            lease.release();
            throw e;
        }
    }

    private PhysicalConnection onPrimary(PlacementRules rules) throws SQLException {
        if (rules.cluster().readFromPrimary() == ReadFromPrimary.NEVER) {
            throw new SQLTransientConnectionException("rwsplit[" + rules.cluster().name() + "]: no replica has"
                    + " applied this connection's last write within readYourWritesTimeout, and readFromPrimary=never",
                    "08001");
        }
        try {
            return rules.readerPlacement(rules.selector().primaryInstead(FallbackReason.READ_YOUR_WRITES), false);
        } catch (SQLException e) {
            if (!FailurePolicy.breaksConnection(e)) {
                throw e;
            }
            throw new SQLTransientConnectionException("rwsplit[" + rules.cluster().name() + "]: this read must see"
                    + " the connection's last write, which no usable replica has applied within"
                    + " readYourWritesTimeout, and the primary cannot serve it: " + e.getMessage(), "08001", e);
        }
    }

    /**
     * Records what this connection just committed on {@code physical}, for its later reads. The write itself succeeded:
     * when its position cannot be learnt (an unreadable GTID, a failed query for it), the write is treated as one
     * without GTID, so the primary serves this connection's reads for maxReplicationLag. Never a stale read, and
     * never an error for a write that committed.
     */
    void committed(PhysicalConnection physical) {
        if (!enabled) {
            return;
        }
        try {
            consistency().committed(physical.committedGtids(), physical.serverAssignsGtids());
        } catch (SQLException | RuntimeException e) {
            log.warn("rwsplit: could not learn the GTID position of a write on {}; this connection reads from the"
                    + " primary for maxReplicationLag", physical.node(), e);
            consistency().committed(GtidSet.EMPTY, false);
        }
    }

    String lastWritePosition() {
        return consistency == null ? null : consistency.position();
    }

    void readAfter(String position) throws SQLException {
        try {
            consistency().require(GtidSet.parse(position));
        } catch (IllegalArgumentException e) {
            throw new SQLException("rwsplit: '" + position + "' is not a GTID position or set", "22023");
        }
    }
}
