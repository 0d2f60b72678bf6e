package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.config.ClusterConfig;

/**
 * The closed prepared statements of one logical connection, kept for the next prepareStatement of the same SQL and
 * shape, as Connector/J keeps its server-prepared statements with {@code cachePrepStmts}: an application that prepares
 * its SQL again for every request gets back the logical statement it closed, cleared, instead of a new one. Off unless
 * the application turned Connector/J's cache on; {@code prepStmtCacheSize} bounds it.
 *
 * <p>Direct-mapped by the SQL's hash: a statement closed later takes the slot of an earlier one with another text, so
 * keeping and taking never allocate and never search.
 */
final class ReusablePreparedStatements {
    private static final int MAX_SLOTS = 64;

    private final RoutingPreparedStatement[] slots;

    /** @param size how many statements to keep at most (a power of two at most that many slots), at least 1 */
    ReusablePreparedStatements(int size) {
        this.slots = new RoutingPreparedStatement[Math.min(MAX_SLOTS, Integer.highestOneBit(size))];
    }

    /**
     * How many closed statements a logical connection of this cluster keeps: Connector/J's prepStmtCacheSize while its
     * cachePrepStmts is on, read as Connector/J reads them; 0 when off.
     */
    static int sizeFor(ClusterConfig config) {
        if (!Boolean.TRUE.equals(config.connectorValue("cachePrepStmts"))) {
            return 0;
        }
        return Math.max(0, (Integer) config.connectorValue("prepStmtCacheSize"));
    }

    /** The kept statement for {@code sql} with this shape, no longer kept; null when there is none. */
    synchronized RoutingPreparedStatement take(String sql, GeneratedKeys keys, int type, int concurrency,
                                               int holdability) {
        int slot = slotOf(sql);
        RoutingPreparedStatement kept = slots[slot];
        if (kept == null || !kept.sql.equals(sql) || !kept.hasShape(keys, type, concurrency, holdability)) {
            return null;
        }
        slots[slot] = null;
        return kept;
    }

    /** Keeps a statement that was just closed and cleared. */
    synchronized void keep(RoutingPreparedStatement statement) {
        slots[slotOf(statement.sql)] = statement;
    }

    private int slotOf(String sql) {
        int hash = sql.hashCode();
        return (hash ^ (hash >>> 16)) & (slots.length - 1);
    }
}
