package io.github.rwsplit.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The parts of a logical connection that involve no server: holdability, the type map, client info, warnings, and
 * the types MySQL does not have. Kept apart so that {@link RoutingConnection} reads as routing.
 */
abstract class ConnectionProperties implements Connection {
    int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
    /** Created when first used, as most connections never touch them. */
    private Map<String, Class<?>> typeMap;
    private Properties clientInfo;

    /** Refuses calls on a closed connection with 08003. */
    abstract void checkOpen() throws SQLException;

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT && holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw new SQLException("Illegal holdability " + holdability, "S1009");
        }
        this.holdability = holdability;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return holdability;
    }

    @Override
    public Map<String, Class<?>> getTypeMap() throws SQLException {
        checkOpen();
        if (typeMap == null) {
            typeMap = new HashMap<>();
        }
        return typeMap;
    }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        typeMap = map == null ? new HashMap<>() : map;
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (value == null) {
            clientInfo().remove(name);
        } else {
            clientInfo().setProperty(name, value);
        }
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo().clear();
        if (properties != null) {
            clientInfo().putAll(properties);
        }
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo().getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties copy = new Properties();
        copy.putAll(clientInfo());
        return copy;
    }

    private Properties clientInfo() {
        if (clientInfo == null) {
            clientInfo = new Properties();
        }
        return clientInfo;
    }

    @Override
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw new SQLFeatureNotSupportedException("MySQL has no ARRAY type (Connection.createArrayOf)");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw new SQLFeatureNotSupportedException("MySQL has no STRUCT type (Connection.createStruct)");
    }
}
