package io.github.rwsplit.internal.cluster;

import com.mysql.cj.conf.PropertyKey;
import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcPropertySet;
import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.StatementImpl;
import com.mysql.cj.jdbc.exceptions.MySQLStatementCancelledException;
import com.mysql.cj.jdbc.result.ResultSetInternalMethods;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What rwsplit reads from Connector/J's statements beyond JDBC, all in this class: Connector/J's {@code StatementImpl},
 * {@code JdbcStatement} with its {@code ResultSetInternalMethods}, and {@code MySQLStatementCancelledException} are
 * internals that a release may change, and then this class and its test break rather than the routing code.
 */
public final class ConnectorStatements {

    private ConnectorStatements() {
    }

    /**
     * The auto-increment id the statement's last execution generated ({@code LAST_INSERT_ID()} on the server), 0 when
     * none or when {@code physical} is not Connector/J's. Connector/J keeps it from the OK packet: no round trip.
     */
    public static long lastInsertId(Statement physical) throws SQLException {
        return physical.isWrapperFor(StatementImpl.class) ? physical.unwrap(StatementImpl.class).getLastInsertID() : 0;
    }

    /**
     * Whether the server sent further results after the current one (a multi-statement string, a procedure's final
     * status). Connector/J has them buffered, so asking costs no round trip.
     */
    public static boolean morePending(Statement physical) throws SQLException {
        ResultSetInternalMethods current = physical.unwrap(JdbcStatement.class).getResultSetInternal();
        return current != null && current.getNextResultset() != null;
    }

    /**
     * Puts the settings an application can change on a statement back to those Connector/J gives a new one, from the
     * connection's properties (defaultFetchSize, maxAllowedPacket, enableEscapeProcessing). Connector/J keeps a closed
     * server-prepared statement in its cache with the settings it had, and hands it to the next prepareStatement of
     * the same SQL on that physical connection, whichever logical statement, connection or thread that comes from.
     */
    public static void restoreDefaults(Statement physical) throws SQLException {
        JdbcPropertySet properties = physical.getConnection().unwrap(JdbcConnection.class).getPropertySet();
        physical.setLargeMaxRows(0);
        physical.setQueryTimeout(0);
        physical.setFetchDirection(ResultSet.FETCH_FORWARD);
        physical.setFetchSize(properties.getIntegerProperty(PropertyKey.defaultFetchSize).getValue());
        physical.setMaxFieldSize(properties.getIntegerProperty(PropertyKey.maxAllowedPacket).getValue());
        physical.setEscapeProcessing(properties.getBooleanProperty(PropertyKey.enableEscapeProcessing).getValue());
    }

    /** Whether Connector/J reports the failure as the statement's cancellation ({@code cancel()} or its timeout). */
    public static boolean isCancellation(SQLException failure) {
        return failure instanceof MySQLStatementCancelledException;
    }
}
