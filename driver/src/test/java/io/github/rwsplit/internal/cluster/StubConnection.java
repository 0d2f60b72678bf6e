package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One in-memory physical session of a {@link StubNode}, reused across borrows as a pool reuses its sessions.
 *
 * <p>It hands out two {@link java.lang.reflect.Proxy} views of the same session, as HikariCP and Connector/J do: the
 * pool's handle ({@link #connection()}, what statements are created on) and the driver's connection ({@link
 * #server()}, a {@link JdbcConnection}). Settings changed through the handle (autoCommit, readOnly, catalog, isolation)
 * are reset when the session goes back to the pool, and an open transaction left on the handle is rolled back (a
 * "ROLLBACK" entry), as HikariCP does; settings changed through {@link #server()} survive, as on a real pool.
 *
 * <p>Every statement executed on either view, and {@code commit()}/{@code rollback()} (recorded as "COMMIT" and
 * "ROLLBACK"), is recorded with its node ({@link StubNode#executed()}). A query answers one row: the node's name,
 * unless the node has a scripted answer ({@link StubNode#answer}); the read-your-writes wait ({@code MASTER_GTID_WAIT},
 * {@code WAIT_FOR_EXECUTED_GTID_SET}) answers {@link StubNode#waitResult} (0, caught up, by default); position queries
 * answer the node's {@link StubNode#applied} set. A write outside a transaction, or the commit of a transaction that
 * wrote, is given the next GTID of the cluster ({@code 0-<server>-<n>}), reported as an OK packet would
 * ({@link #reportedGtids()}). A connection-class failure (SQLState 08...) breaks the session: later calls fail with
 * 08003 and it is never pooled again. Methods the fake does not model answer their type's zero value.
 */
public final class StubConnection {
    private static final Set<String> QUERIES = Set.of("SELECT", "SHOW", "WITH", "DESC", "DESCRIBE", "EXPLAIN",
            "VALUES", "TABLE", "(");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP",
            "ALTER", "TRUNCATE", "RENAME", "LOAD", "CALL", "GRANT", "REVOKE");

    private final StubNode node;
    private final int number;
    private final Connection handle;
    private final JdbcConnection server;
    private final List<String> executed = new ArrayList<>();
    private volatile boolean broken;
    private boolean autoCommit = true;
    private boolean readOnly;
    private String catalog;
    private int isolation = Connection.TRANSACTION_REPEATABLE_READ;
    private int networkTimeout;
    private boolean handleChangedAutoCommit;
    private boolean handleChangedReadOnly;
    private boolean handleChangedCatalog;
    private boolean handleChangedIsolation;
    private boolean inTransaction;
    private boolean transactionWrote;
    private GtidSet lastReported = GtidSet.EMPTY;

    StubConnection(StubNode node, int number, String defaultCatalog) {
        this.node = node;
        this.number = number;
        this.catalog = defaultCatalog;
        ClassLoader loader = StubConnection.class.getClassLoader();
        this.handle = (Connection) Proxy.newProxyInstance(loader, new Class<?>[] {Connection.class},
                new ConnectionView(true));
        this.server = (JdbcConnection) Proxy.newProxyInstance(loader, new Class<?>[] {JdbcConnection.class},
                new ConnectionView(false));
    }

    /** The node this session belongs to. */
    public StubNode node() {
        return node;
    }

    /** The pool's handle, as {@link PhysicalConnection#connection()} returns it. */
    public Connection connection() {
        return handle;
    }

    /** The driver's connection underneath, as {@link PhysicalConnection#server()} returns it. */
    public JdbcConnection server() {
        return server;
    }

    public synchronized boolean inTransactionOnServer() {
        return inTransaction;
    }

    public synchronized GtidSet reportedGtids() {
        return lastReported;
    }

    /** What the monitor does to a hung replica's connections: the session breaks, a blocked statement fails. */
    public void abort() {
        broken = true;
        node.aborted(this);
    }

    /** Every statement run on this session, across all its borrows. */
    public synchronized List<String> executed() {
        return List.copyOf(executed);
    }

    public boolean isBroken() {
        return broken;
    }

    public synchronized boolean autoCommit() {
        return autoCommit;
    }

    public synchronized boolean readOnly() {
        return readOnly;
    }

    public synchronized String catalog() {
        return catalog;
    }

    public synchronized int isolation() {
        return isolation;
    }

    /** What the pool does when the session comes back: undo what was changed through its handle. */
    synchronized void resetForPool() {
        if (inTransaction && handleChangedAutoCommit && !autoCommit) {
            record("ROLLBACK");
            endTransaction(false);
        }
        if (handleChangedAutoCommit) {
            autoCommit = true;
        }
        if (handleChangedReadOnly) {
            readOnly = false;
        }
        if (handleChangedCatalog) {
            catalog = node.cluster().database();
        }
        if (handleChangedIsolation) {
            isolation = Connection.TRANSACTION_REPEATABLE_READ;
        }
        handleChangedAutoCommit = false;
        handleChangedReadOnly = false;
        handleChangedCatalog = false;
        handleChangedIsolation = false;
    }

    /** Runs one statement: the node's script may stall it or fail it; it is recorded either way. */
    private ResultSet run(Statement statement, String sql) throws SQLException {
        checkOpen();
        CountDownLatch stall = node.takeStall();
        if (stall != null) {
            waitOut(stall);
        }
        SQLException failure = node.takeFailure();
        synchronized (this) {
            record(sql);
            if (failure != null) {
                if (ConnectionFailures.isConnectionFailure(failure)) {
                    broken = true;
                }
                throw failure;
            }
            return track(statement, sql);
        }
    }

    private void waitOut(CountDownLatch stall) throws SQLException {
        try {
            while (!stall.await(10, TimeUnit.MILLISECONDS)) {
                if (broken) {
                    throw StubFailures.communicationsFailure();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while stalled", "70100", e);
        }
    }

    private void record(String sql) {
        executed.add(sql);
        node.recordExecuted(sql);
    }

    private ResultSet track(Statement statement, String sql) {
        String first = firstWord(sql);
        lastReported = GtidSet.EMPTY;
        switch (first) {
            case "BEGIN", "START" -> {
                inTransaction = true;
                transactionWrote = false;
                return null;
            }
            case "COMMIT" -> {
                endTransaction(true);
                return null;
            }
            case "ROLLBACK" -> {
                if (!sql.toUpperCase(Locale.ROOT).contains(" TO ")) {
                    endTransaction(false);
                }
                return null;
            }
            default -> {
                if (!autoCommit && !first.equals("SET") && !first.equals("USE")) {
                    inTransaction = true;
                }
                if (WRITES.contains(first)) {
                    if (inTransaction) {
                        transactionWrote = true;
                    } else {
                        lastReported = node.cluster().nextGtid(node);
                    }
                }
                return QUERIES.contains(first) ? node.answerTo(statement, sql) : null;
            }
        }
    }

    private void endTransaction(boolean commit) {
        if (commit && inTransaction && transactionWrote) {
            lastReported = node.cluster().nextGtid(node);
        }
        inTransaction = false;
        transactionWrote = false;
    }

    private void checkOpen() throws SQLException {
        if (broken) {
            throw new SQLNonTransientConnectionException("No operations allowed after connection closed.", "08003");
        }
    }

    static String firstWord(String sql) {
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (sql.startsWith("--", i) || c == '#') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else {
                break;
            }
        }
        if (i < n && sql.charAt(i) == '(') {
            return "(";
        }
        int start = i;
        while (i < n && Character.isLetter(sql.charAt(i))) {
            i++;
        }
        return sql.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /** The zero value of a return type, for the methods the fakes do not model. */
    static Object zero(Class<?> type) {
        if (!type.isPrimitive() || type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0d;
        }
        if (type == float.class) {
            return 0f;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        return 0;
    }

    @Override
    public String toString() {
        return "stub session #" + number + " of " + node.name();
    }

    /** One of the two views of the session; {@code viaHandle} tells which, for what the pool resets. */
    private final class ConnectionView implements InvocationHandler {
        private final boolean viaHandle;

        ConnectionView(boolean viaHandle) {
            this.viaHandle = viaHandle;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            switch (name) {
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return StubConnection.this + (viaHandle ? " (pool handle)" : " (server)");
                case "unwrap":
                    return unwrap(proxy, (Class<?>) args[0]);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy) || ((Class<?>) args[0]).isInstance(server);
                case "isClosed":
                    return broken;
                case "isValid":
                    return !broken;
                case "close":
                    // The pool owns the session: it ends with giveBack or discard, not here.
                    return null;
                case "abort", "abortInternal":
                    abort();
                    return null;
                case "getMetaData":
                    return metaData((Connection) proxy);
                case "createStatement":
                    checkOpen();
                    return statement((Connection) proxy, null, Statement.class);
                case "prepareStatement":
                    checkOpen();
                    node.recordPrepared((String) args[0]);
                    return statement((Connection) proxy, (String) args[0], PreparedStatement.class);
                case "prepareCall":
                    checkOpen();
                    node.recordPrepared((String) args[0]);
                    return statement((Connection) proxy, (String) args[0], CallableStatement.class);
                case "commit":
                    run(null, "COMMIT");
                    return null;
                case "rollback":
                    run(null, args == null ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT "
                            + ((Savepoint) args[0]).getSavepointName());
                    return null;
                case "setSavepoint":
                    String savepoint = args == null ? "stub_savepoint" : (String) args[0];
                    run(null, "SAVEPOINT " + savepoint);
                    return savepoint(savepoint);
                case "releaseSavepoint":
                    run(null, "RELEASE SAVEPOINT " + ((Savepoint) args[0]).getSavepointName());
                    return null;
                default:
                    return settings(name, args, method);
            }
        }

        private Object settings(String name, Object[] args, Method method) throws SQLException {
            synchronized (StubConnection.this) {
                switch (name) {
                    case "setAutoCommit" -> {
                        checkOpen();
                        boolean on = (Boolean) args[0];
                        if (on && !autoCommit && inTransaction) {
                            endTransaction(true);
                        }
                        autoCommit = on;
                        handleChangedAutoCommit |= viaHandle;
                    }
                    case "getAutoCommit" -> {
                        return autoCommit;
                    }
                    case "setReadOnly" -> {
                        readOnly = (Boolean) args[0];
                        handleChangedReadOnly |= viaHandle;
                    }
                    case "isReadOnly" -> {
                        return readOnly;
                    }
                    case "setCatalog", "setSchema" -> {
                        catalog = (String) args[0];
                        handleChangedCatalog |= viaHandle;
                    }
                    case "getCatalog", "getSchema" -> {
                        return catalog;
                    }
                    case "setTransactionIsolation" -> {
                        isolation = (Integer) args[0];
                        handleChangedIsolation |= viaHandle;
                    }
                    case "getTransactionIsolation" -> {
                        return isolation;
                    }
                    case "setNetworkTimeout" -> networkTimeout = (Integer) args[1];
                    case "getNetworkTimeout" -> {
                        return networkTimeout;
                    }
                    default -> {
                        return zero(method.getReturnType());
                    }
                }
                return null;
            }
        }

        private Object unwrap(Object proxy, Class<?> type) throws SQLException {
            if (type.isInstance(server)) {
                return server;
            }
            if (type.isInstance(proxy)) {
                return proxy;
            }
            throw new SQLException("a stub connection wraps no " + type.getName(), "S1009");
        }
    }

    private Object statement(Connection owner, String prepared, Class<? extends Statement> type) {
        StatementView view = new StatementView(owner, prepared);
        Object proxy = Proxy.newProxyInstance(StubConnection.class.getClassLoader(), new Class<?>[] {type}, view);
        view.self = (Statement) proxy;
        return proxy;
    }

    /** A statement: runs its SQL on the session and keeps what the last execution produced. */
    private final class StatementView implements InvocationHandler {
        private final Connection owner;
        private final String prepared;
        private final List<String> batch = new ArrayList<>();
        private Statement self;
        private ResultSet results;
        private long updateCount = -1;
        private boolean closed;
        private int queryTimeout;

        StatementView(Connection owner, String prepared) {
            this.owner = owner;
            this.prepared = prepared;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
            switch (name) {
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "equals":
                    return proxy == args[0];
                case "toString":
                    return "stub statement on " + StubConnection.this + (prepared == null ? "" : ": " + prepared);
                case "execute":
                    return execute(sql);
                case "executeQuery":
                    execute(sql);
                    return results != null ? results : StubResults.of(self, List.of("result"), List.of());
                case "executeUpdate":
                    execute(sql);
                    return (int) Math.max(0, updateCount);
                case "executeLargeUpdate":
                    execute(sql);
                    return Math.max(0, updateCount);
                case "addBatch":
                    batch.add(sql);
                    return null;
                case "clearBatch":
                    batch.clear();
                    return null;
                case "executeBatch":
                case "executeLargeBatch":
                    return executeBatch(name.equals("executeLargeBatch"));
                case "getResultSet":
                    return results;
                case "getUpdateCount":
                    return (int) updateCount;
                case "getLargeUpdateCount":
                    return updateCount;
                case "getMoreResults":
                    results = null;
                    updateCount = -1;
                    return false;
                case "getGeneratedKeys":
                    return StubResults.empty(self);
                case "getConnection":
                    return owner;
                case "close":
                    closed = true;
                    return null;
                case "isClosed":
                    return closed;
                case "cancel":
                    node.recordCancel();
                    return null;
                case "setQueryTimeout":
                    queryTimeout = (Integer) args[0];
                    return null;
                case "getQueryTimeout":
                    return queryTimeout;
                case "unwrap":
                    return ((Class<?>) args[0]).cast(proxy);
                case "isWrapperFor":
                    return ((Class<?>) args[0]).isInstance(proxy);
                default:
                    return zero(method.getReturnType());
            }
        }

        private boolean execute(String sql) throws SQLException {
            if (closed) {
                throw new SQLException("No operations allowed after statement closed.", "S1009");
            }
            results = run(self, sql);
            updateCount = results == null ? 1 : -1;
            return results != null;
        }

        private Object executeBatch(boolean large) throws SQLException {
            List<String> statements = List.copyOf(batch);
            batch.clear();
            long[] counts = new long[statements.size()];
            for (int i = 0; i < counts.length; i++) {
                run(self, statements.get(i));
                counts[i] = 1;
            }
            if (large) {
                return counts;
            }
            int[] ints = new int[counts.length];
            java.util.Arrays.fill(ints, 1);
            return ints;
        }
    }

    private DatabaseMetaData metaData(Connection owner) {
        return (DatabaseMetaData) Proxy.newProxyInstance(StubConnection.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> "MariaDB";
                    case "getDatabaseProductVersion" -> "10.11.5-MariaDB";
                    case "getDriverName" -> "rwsplit stub";
                    case "getURL" -> "jdbc:mysql://" + node.name() + "/";
                    case "getConnection" -> owner;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "stub metadata of " + node.name();
                    default -> zero(method.getReturnType());
                });
    }

    private static Savepoint savepoint(String name) {
        return (Savepoint) Proxy.newProxyInstance(StubConnection.class.getClassLoader(),
                new Class<?>[] {Savepoint.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSavepointName", "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> zero(method.getReturnType());
                });
    }
}
