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
    private static final int CONNECTOR_DEFAULT_SIZE = 25;
    private static final int MAX_SLOTS = 64;

    private final RoutingPreparedStatement[] slots;

    private ReusablePreparedStatements(int slots) {
        this.slots = new RoutingPreparedStatement[slots];
    }

    /** The cache for a logical connection of this cluster, or null when Connector/J's statement cache is off. */
    static ReusablePreparedStatements forCluster(ClusterConfig config) {
        String enabled = config.connectorProperty("cachePrepStmts");
        if (!"true".equalsIgnoreCase(enabled) && !"yes".equalsIgnoreCase(enabled)) {
            return null;
        }
        int size = size(config.connectorProperty("prepStmtCacheSize"));
        return size <= 0 ? null : new ReusablePreparedStatements(Math.min(MAX_SLOTS, Integer.highestOneBit(size)));
    }

    private static int size(String configured) {
        if (configured == null) {
            return CONNECTOR_DEFAULT_SIZE;
        }
        try {
            return Integer.parseInt(configured.trim());
        } catch (NumberFormatException e) {
            // Connector/J refuses it when it connects, with its own message.
            return CONNECTOR_DEFAULT_SIZE;
        }
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
