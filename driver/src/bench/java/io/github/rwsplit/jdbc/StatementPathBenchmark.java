package io.github.rwsplit.jdbc;

import io.github.rwsplit.internal.cluster.InMemoryNodes;
import io.github.rwsplit.internal.config.ClusterConfig;
import io.github.rwsplit.internal.config.RwSplitUrl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What rwsplit adds to one statement, without a server: the same statements through a logical connection and straight
 * on an in-memory physical connection (the floor), as an application that holds its connection for a request runs
 * them. The difference between a pair is the driver's own per-statement cost: classification, placement, the borrow
 * and return of a pooled session, the logical objects.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatementPathBenchmark {
    private static final String URL = "jdbc:rwsplit:mysql://primary,replica1,replica2/app?clusterLinger=0&jmx=false";
    private static final String READ = "SELECT id, v FROM bench WHERE id = ?";
    private static final String WRITE = "UPDATE bench SET v = v + 1 WHERE id = ?";

    private ClusterRegistry registry;
    private ClusterRegistry.SharedCluster cluster;
    private Connection logical;
    /** A logical connection of a cluster whose URL turns Connector/J's statement cache on (cachePrepStmts=true). */
    private Connection logicalCaching;
    private ClusterRegistry.SharedCluster cachingCluster;
    private Connection physical;
    private int id;

    @Setup(Level.Trial)
    public void start() throws SQLException {
        ClusterConfig config = RwSplitUrl.parse(URL, new Properties());
        registry = new ClusterRegistry(InMemoryNodes::router, router -> router.cluster().close(),
                Executors.newSingleThreadScheduledExecutor());
        cluster = registry.hold(config);
        logical = new RoutingConnection(cluster.retain());
        cachingCluster = registry.hold(RwSplitUrl.parse(URL + "&cachePrepStmts=true", new Properties()));
        logicalCaching = new RoutingConnection(cachingCluster.retain());
        physical = InMemoryNodes.connection();
    }

    @TearDown(Level.Trial)
    public void stop() throws SQLException {
        logical.close();
        logicalCaching.close();
        cluster.releaseWithoutLinger();
        cachingCluster.releaseWithoutLinger();
    }

    @Benchmark
    public int preparedReadDirect() throws SQLException {
        return preparedRead(physical);
    }

    @Benchmark
    public int preparedReadRwsplit() throws SQLException {
        return preparedRead(logical);
    }

    /** With cachePrepStmts=true the closed logical statement is prepared again from the connection's cache. */
    @Benchmark
    public int preparedReadRwsplitStatementCache() throws SQLException {
        return preparedRead(logicalCaching);
    }

    @Benchmark
    public int statementReadDirect() throws SQLException {
        return statementRead(physical);
    }

    @Benchmark
    public int statementReadRwsplit() throws SQLException {
        return statementRead(logical);
    }

    @Benchmark
    public int writeDirect() throws SQLException {
        return write(physical);
    }

    @Benchmark
    public int writeRwsplit() throws SQLException {
        return write(logical);
    }

    /** A getConnection() and close() on a warm cluster, as a data source's connections do. */
    @Benchmark
    public boolean openCloseRwsplit() throws SQLException {
        Connection connection = new RoutingConnection(cluster.retain());
        connection.close();
        return connection.isClosed();
    }

    private int preparedRead(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(READ)) {
            select.setInt(1, nextId());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private int statementRead(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT id, v FROM bench WHERE id = " + nextId())) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private int write(Connection connection) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(WRITE)) {
            update.setInt(1, nextId());
            return update.executeUpdate();
        }
    }

    /** A different key each time, so literal statements are new text to the classifier, as in production. */
    private int nextId() {
        id = id == 1_000_000 ? 1 : id + 1;
        return id;
    }
}
