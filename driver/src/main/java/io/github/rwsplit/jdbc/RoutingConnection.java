package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.routing.RoutingSession;
import io.github.rwsplit.internal.routing.Lease;

import com.mysql.cj.jdbc.JdbcConnection;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.jdbc.ClusterRegistry.SharedCluster;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.internal.session.SessionSnapshot;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The connection the application holds. It owns no physical connection of its own: statements borrow from the nodes'
 * pools per execution, transactions and session-bound state pin one (see {@link RoutingSession}).
 */
public final class RoutingConnection implements Connection {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String DATABASE_TERM = "databaseTerm";

    private final SharedCluster shared;
    private final RoutingSession session;
    private final boolean schemaIsDatabase;
    private final OpenStatements statements = new OpenStatements();
    /** Set once by close() or abort(), whichever comes first; the other then does nothing. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private int holdability = ResultSet.HOLD_CURSORS_OVER_COMMIT;
    /** Created when first used, as most connections never touch them. */
    private Map<String, Class<?>> typeMap;
    private Properties clientInfo;

    RoutingConnection(SharedCluster shared) {
        this.shared = shared;
        this.session = shared.router().newSession(SEQUENCE.incrementAndGet());
        ClusterConfig config = shared.router().cluster().config();
        this.schemaIsDatabase = "SCHEMA".equalsIgnoreCase(config.connectorProperty(DATABASE_TERM));
    }

    RoutingSession session() {
        return session;
    }

    /** This connection's cluster figures: per node reads, writes, errors, fallbacks, pool use. */
    public ClusterStats clusterStats() {
        return shared.router().stats();
    }

    /**
     * The GTID position of this connection's last committed writes, or null when it has none: a consistency token for
     * another connection that must see them ({@link #readAfter(String)}), for example across threads or requests.
     */
    public String lastWritePosition() throws SQLException {
        checkOpen();
        return session.lastWritePosition();
    }

    /**
     * Makes this connection's reads see {@code gtidPosition} (a MariaDB GTID position or a MySQL GTID set, as returned
     * by {@link #lastWritePosition()} on another connection), under the same rules as its own writes.
     */
    public void readAfter(String gtidPosition) throws SQLException {
        checkOpen();
        session.readAfter(gtidPosition);
    }

    // ---- statements ----

    @Override
    public Statement createStatement() throws SQLException {
        return createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
        return createStatement(resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
            throws SQLException {
        checkOpen();
        return remember(new RoutingStatement(this, resultSetType, resultSetConcurrency, resultSetHoldability));
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        return prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareStatement(sql, resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
                                              int resultSetHoldability) throws SQLException {
        return prepared(sql, GeneratedKeys.NONE, resultSetType, resultSetConcurrency, resultSetHoldability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepared(sql, GeneratedKeys.of(autoGeneratedKeys), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepared(sql, GeneratedKeys.of(columnIndexes), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY, holdability);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepared(sql, GeneratedKeys.of(columnNames), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY, holdability);
    }

    private PreparedStatement prepared(String sql, GeneratedKeys keys, int type, int concurrency, int hold)
            throws SQLException {
        checkOpen();
        requireSql(sql);
        return remember(new RoutingPreparedStatement(this, sql, keys, type, concurrency, hold));
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        return prepareCall(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency)
            throws SQLException {
        return prepareCall(sql, resultSetType, resultSetConcurrency, holdability);
    }

    @Override
    public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency,
                                         int resultSetHoldability) throws SQLException {
        checkOpen();
        requireSql(sql);
        return remember(new RoutingCallableStatement(this, sql, resultSetType, resultSetConcurrency,
                resultSetHoldability));
    }

    private static void requireSql(String sql) throws SQLException {
        if (sql == null) {
            throw new SQLException("SQL String can not be NULL", "S1009");
        }
    }

    private <S extends RoutingStatement> S remember(S statement) {
        statements.add(statement);
        return statement;
    }

    void forget(RoutingStatement statement) {
        statements.remove(statement);
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return session.withPrimary(lease -> lease.connection().nativeSQL(sql));
    }

    // ---- transactions ----

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        session.autoCommit(autoCommit);
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return session.autoCommit();
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (session.autoCommit() && !session.inTransaction() && session.lostTransaction() == null) {
            throw new SQLException("Can't call commit when autocommit=true", "S1000");
        }
        session.commit();
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (session.autoCommit() && !session.inTransaction() && session.lostTransaction() == null) {
            throw new SQLException("Can't call rollback when autocommit=true", "S1000");
        }
        session.rollback();
    }

    @Override
    public Savepoint setSavepoint() throws SQLException {
        checkOpen();
        requireManualCommit("setSavepoint");
        return session.transactionForSavepoint().connection().setSavepoint();
    }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        checkOpen();
        requireManualCommit("setSavepoint");
        return session.transactionForSavepoint().connection().setSavepoint(name);
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        checkOpen();
        requireManualCommit("rollback(Savepoint)");
        session.transactionForSavepoint().connection().rollback(savepoint);
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        checkOpen();
        requireManualCommit("releaseSavepoint");
        session.transactionForSavepoint().connection().releaseSavepoint(savepoint);
    }

    private void requireManualCommit(String method) throws SQLException {
        if (session.autoCommit() && !session.inTransaction()) {
            throw new SQLException("Can't call " + method + " when autocommit=true", "S1009");
        }
    }

    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        switch (level) {
            case TRANSACTION_READ_UNCOMMITTED, TRANSACTION_READ_COMMITTED, TRANSACTION_REPEATABLE_READ,
                    TRANSACTION_SERIALIZABLE -> session.changeSession(session.session().withIsolation(level));
            default -> throw new SQLException("Unsupported transaction isolation level '" + level + "'", "S1009");
        }
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        int level = session.session().isolation();
        if (level != SessionSnapshot.DEFAULT_ISOLATION) {
            return level;
        }
        return session.withPrimary(lease -> lease.connection().getTransactionIsolation());
    }

    // ---- session settings ----

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        session.readOnly(readOnly);
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return session.readOnly();
    }

    @Override
    public void setCatalog(String catalog) throws SQLException {
        checkOpen();
        if (catalog == null) {
            throw new SQLException("Database name can not be NULL", "S1009");
        }
        session.changeSession(session.session().withCatalog(catalog));
    }

    @Override
    public String getCatalog() throws SQLException {
        checkOpen();
        return session.catalog();
    }

    /** Connector/J treats schema as database only with databaseTerm=SCHEMA, and ignores it otherwise; so does this. */
    @Override
    public void setSchema(String schema) throws SQLException {
        checkOpen();
        if (schemaIsDatabase) {
            setCatalog(schema);
        }
    }

    @Override
    public String getSchema() throws SQLException {
        checkOpen();
        return schemaIsDatabase ? session.catalog() : null;
    }

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
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) {
            throw new SQLException("Network timeout must be a value greater than or equal to 0", "S1009");
        }
        if (executor == null && milliseconds > 0) {
            throw new SQLException("Executor can not be null", "S1009");
        }
        session.networkTimeout(executor, milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return session.networkTimeout();
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

    // ---- objects ----

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new RoutingDatabaseMetaData(this);
    }

    @Override
    public Clob createClob() throws SQLException {
        checkOpen();
        return session.withPrimary(lease -> lease.connection().createClob());
    }

    @Override
    public Blob createBlob() throws SQLException {
        checkOpen();
        return session.withPrimary(lease -> lease.connection().createBlob());
    }

    @Override
    public NClob createNClob() throws SQLException {
        checkOpen();
        return session.withPrimary(lease -> lease.connection().createNClob());
    }

    @Override
    public SQLXML createSQLXML() throws SQLException {
        checkOpen();
        return session.withPrimary(lease -> lease.connection().createSQLXML());
    }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw new SQLFeatureNotSupportedException("MySQL has no ARRAY type (Connection.createArrayOf)");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw new SQLFeatureNotSupportedException("MySQL has no STRUCT type (Connection.createStruct)");
    }

    // ---- lifecycle ----

    /**
     * Valid while the connection is open, its pinned session (if any) is alive, and some node answers its health
     * checks. Outer pools test connections often; the monitor's last verdict answers without a round trip.
     */
    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) {
            throw new SQLException("Invalid value for timeout: " + timeoutSeconds, "S1009");
        }
        if (closed.get() || !session.usable()) {
            return false;
        }
        Lease pinned = session.transaction();
        if (pinned != null) {
            return pinned.connection().isValid(timeoutSeconds);
        }
        return session.anyNodeAnswers();
    }

    @Override
    public void close() throws SQLException {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        statements.closeAll(false);
        try {
            session.close();
        } finally {
            shared.release();
        }
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) {
            throw new SQLException("Executor can not be null", "S1009");
        }
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // Cut in-flight executions here, not on the executor: abort must stop them even if the executor is slow.
        statements.closeAll(true);
        executor.execute(() -> {
            session.abort();
            shared.release();
        });
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    void checkOpen() throws SQLException {
        if (closed.get()) {
            throw new SQLNonTransientConnectionException("No operations allowed after connection closed.", "08003");
        }
    }

    /**
     * JDBC unwrap. Connector/J's connection is reachable only while a transaction pins one: outside transactions each
     * statement may run on another physical connection, so there is no single one to hand out.
     */
    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        Lease pinned = session.transaction();
        if (pinned != null && pinned.physical().server().isWrapperFor(type)) {
            return pinned.physical().server().unwrap(type);
        }
        if (type.isAssignableFrom(JdbcConnection.class) || JdbcConnection.class.isAssignableFrom(type)) {
            throw new SQLException("rwsplit: cannot unwrap to " + type.getName() + " outside a transaction: each"
                    + " statement may run on another physical connection; unwrap inside a transaction"
                    + " (setAutoCommit(false) and a first statement) to get the one it pins", "S1009");
        }
        throw new SQLException("rwsplit: this connection does not wrap a " + type.getName(), "S1009");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        if (type.isInstance(this)) {
            return true;
        }
        Lease pinned = session.transaction();
        return pinned != null && pinned.physical().server().isWrapperFor(type);
    }

    @Override
    public String toString() {
        return "rwsplit " + session.name() + " to " + shared.router().cluster().name();
    }
}
