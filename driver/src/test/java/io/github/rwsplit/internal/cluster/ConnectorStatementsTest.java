package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.exceptions.MySQLStatementCancelledException;
import com.mysql.cj.jdbc.exceptions.MySQLTimeoutException;
import io.github.rwsplit.internal.LibraryInternals;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connector/J's statement internals behind {@link ConnectorStatements}; the integration tests run them on servers. */
class ConnectorStatementsTest {
    private final LibraryInternals connectorJ = LibraryInternals.connectorJ("ConnectorStatements");

    @Test
    void theStatementInternalsRwsplitReadsAreStillThere() {
        connectorJ.method("com.mysql.cj.jdbc.StatementImpl", "getLastInsertID", long.class);
        connectorJ.subtype("com.mysql.cj.jdbc.StatementImpl", Statement.class);
        connectorJ.subtype("com.mysql.cj.jdbc.ClientPreparedStatement",
                connectorJ.type("com.mysql.cj.jdbc.StatementImpl"));
        connectorJ.subtype("com.mysql.cj.jdbc.StatementImpl", connectorJ.type("com.mysql.cj.jdbc.JdbcStatement"));
        Class<?> internalResults = connectorJ.type("com.mysql.cj.jdbc.result.ResultSetInternalMethods");
        connectorJ.method("com.mysql.cj.jdbc.JdbcStatement", "getResultSetInternal", internalResults);
        connectorJ.method("com.mysql.cj.jdbc.result.ResultSetInternalMethods", "getNextResultset", Object.class);
        connectorJ.subtype("com.mysql.cj.jdbc.exceptions.MySQLStatementCancelledException", SQLException.class);
        Class<?> properties = connectorJ.type("com.mysql.cj.jdbc.JdbcPropertySet");
        connectorJ.method("com.mysql.cj.jdbc.JdbcConnection", "getPropertySet", properties);
        Class<?> key = connectorJ.type("com.mysql.cj.conf.PropertyKey");
        Class<?> property = connectorJ.type("com.mysql.cj.conf.RuntimeProperty");
        connectorJ.method("com.mysql.cj.jdbc.JdbcPropertySet", "getIntegerProperty", property, key);
        connectorJ.method("com.mysql.cj.jdbc.JdbcPropertySet", "getBooleanProperty", property, key);
        List<String> keys = Arrays.stream(key.getEnumConstants()).map(k -> ((Enum<?>) k).name()).toList();
        assertTrue(keys.containsAll(List.of("defaultFetchSize", "maxAllowedPacket", "enableEscapeProcessing")),
                connectorJ.says("a new statement's defaults come from these properties"));
    }

    @Test
    void onlyConnectorJsCancellationCountsAsOne() {
        assertTrue(ConnectorStatements.isCancellation(new MySQLStatementCancelledException()),
                connectorJ.says("cancel() fails the statement with MySQLStatementCancelledException"));
        assertTrue(new MySQLStatementCancelledException() instanceof SQLNonTransientException,
                connectorJ.says("a cancellation is not transient"));
        assertFalse(ConnectorStatements.isCancellation(new MySQLTimeoutException()),
                "a query timeout is a timeout, told apart by the failure policy");
        assertFalse(ConnectorStatements.isCancellation(new SQLException("Query execution was interrupted", "70100",
                1317)));
    }

    @Test
    void aStatementThatIsNotConnectorJsHasNoInsertId() throws SQLException {
        Statement foreign = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Statement.class},
                (proxy, method, args) -> method.getName().equals("isWrapperFor") ? false : null);
        assertEquals(0, ConnectorStatements.lastInsertId(foreign));
    }
}
