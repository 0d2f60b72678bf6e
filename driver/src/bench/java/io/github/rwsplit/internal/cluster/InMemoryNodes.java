package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.routing.Router;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;

/**
 * A cluster whose nodes hand out in-memory physical connections that answer at once (one row per query, one row per
 * update): what is left of a statement's cost is the driver's own. Each node keeps a small idle list, as a pool does,
 * so a borrow and a return cost what a pool's uncontended fast path would, and nothing more.
 */
public final class InMemoryNodes {
    private InMemoryNodes() {
    }

    /** A started-looking cluster for {@code config}: every node up, replicas at lag 0. */
    public static Router router(ClusterConfig config) {
        Cluster cluster = new Cluster(config, node -> new Source(), false);
        for (Node node : cluster.nodes()) {
            node.knownFlavor(ServerFlavor.MARIADB);
            cluster.force(node, new NodeHealth(NodeStatus.UP, node.isPrimary() ? -1 : 0, ""));
        }
        return new Router(cluster);
    }

    /** One connection used directly, for the floor: the same in-memory session without the driver around it. */
    public static Connection connection() {
        return new Session().connection();
    }

    private static final class Source implements ConnectionSource {
        private final ArrayDeque<Session> idle = new ArrayDeque<>();

        @Override
        public synchronized PhysicalConnection borrow(Node node) {
            Session session = idle.pollFirst();
            return new Lease(node, session != null ? session : new Session());
        }

        @Override
        public synchronized void giveBack(PhysicalConnection connection) {
            idle.addFirst(((Lease) connection).session);
        }

        @Override
        public void discard(PhysicalConnection connection) {
        }

        @Override
        public void nodeDown() {
        }

        @Override
        public int activeConnections() {
            return 0;
        }

        @Override
        public int idleConnections() {
            return idle.size();
        }

        @Override
        public void close() {
        }
    }

    /**
     * One physical session. Its connection, statements and result set are proxies answering from fixed objects: each
     * call allocates only its argument array, the same for the driver and for the floor.
     */
    /** One borrow of a session, as the production pool's borrow is one object of its own. */
    private static final class Lease extends PhysicalConnection {
        private final Session session;

        Lease(Node node, Session session) {
            super(node);
            this.session = session;
        }

        @Override
        public Connection connection() {
            return session.connection;
        }

        @Override
        public JdbcConnection server() {
            return session.server;
        }

        @Override
        public boolean inTransactionOnServer() {
            return false;
        }

        @Override
        GtidSet reportedGtids() {
            return GtidSet.EMPTY;
        }

        @Override
        void abortSession() {
        }
    }

    private static final class Session {
        private final Connection connection;
        private final JdbcConnection server;

        Session() {
            ResultSet row = proxy(ResultSet.class, new RowHandler());
            Object statement = Proxy.newProxyInstance(InMemoryNodes.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class, JdbcStatement.class}, (self, method, args) ->
                            switch (method.getName()) {
                                case "executeQuery", "getResultSet", "getGeneratedKeys" -> {
                                    ((RowHandler) Proxy.getInvocationHandler(row)).rewind();
                                    yield row;
                                }
                                case "execute" -> Boolean.TRUE;
                                case "executeUpdate" -> 1;
                                case "executeLargeUpdate" -> 1L;
                                case "getLargeUpdateCount" -> -1L;
                                case "getUpdateCount" -> -1;
                                case "unwrap", "isWrapperFor" -> wrapper(self, method, args);
                                default -> zero(method.getReturnType());
                            });
            Object[] handle = new Object[1];
            handle[0] = Proxy.newProxyInstance(InMemoryNodes.class.getClassLoader(),
                    new Class<?>[] {JdbcConnection.class}, (self, method, args) ->
                            switch (method.getName()) {
                                case "prepareStatement", "createStatement", "prepareCall" -> statement;
                                case "getAutoCommit", "isValid" -> Boolean.TRUE;
                                case "getTransactionIsolation" -> Connection.TRANSACTION_REPEATABLE_READ;
                                case "unwrap", "isWrapperFor" -> wrapper(self, method, args);
                                case "hashCode" -> System.identityHashCode(self);
                                case "equals" -> self == args[0];
                                default -> zero(method.getReturnType());
                            });
            this.connection = (Connection) handle[0];
            this.server = (JdbcConnection) handle[0];
        }

        Connection connection() {
            return connection;
        }
    }

    /** A result set of one row: next() answers true once after each rewind. */
    private static final class RowHandler implements java.lang.reflect.InvocationHandler {
        private boolean read;

        void rewind() {
            read = false;
        }

        @Override
        public Object invoke(Object self, java.lang.reflect.Method method, Object[] args) throws SQLException {
            return switch (method.getName()) {
                case "next" -> {
                    boolean first = !read;
                    read = true;
                    yield first;
                }
                case "getInt" -> 1;
                case "getLong" -> 1L;
                case "getString" -> "1";
                case "unwrap", "isWrapperFor" -> wrapper(self, method, args);
                default -> zero(method.getReturnType());
            };
        }
    }

    /** unwrap and isWrapperFor as a driver answers them: only the interfaces the proxy implements. */
    private static Object wrapper(Object self, java.lang.reflect.Method method, Object[] args) throws SQLException {
        boolean is = ((Class<?>) args[0]).isInstance(self);
        if (method.getName().equals("isWrapperFor")) {
            return is;
        }
        if (!is) {
            throw new SQLException("not a wrapper for " + args[0]);
        }
        return self;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(InMemoryNodes.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static final Integer INT_ZERO = 0;
    private static final Long LONG_ZERO = 0L;

    private static Object zero(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return Boolean.FALSE;
        }
        if (type == long.class) {
            return LONG_ZERO;
        }
        if (type == void.class) {
            return null;
        }
        return INT_ZERO;
    }
}
