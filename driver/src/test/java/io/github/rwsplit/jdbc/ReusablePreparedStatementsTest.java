package io.github.rwsplit.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.internal.cluster.StubCluster;
import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.internal.routing.Router;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Logical prepared statements handed out again after close, as Connector/J does with cachePrepStmts. What a reused
 * statement then runs on a server is pinned by PreparedStatementReuseIT.
 */
class ReusablePreparedStatementsTest {
    private static final String CACHED = "jdbc:rwsplit:mysql://p,r1,r2/app?clusterLinger=0&jmx=false&cachePrepStmts=true";
    private static final String READ = "SELECT v FROM t WHERE id = ?";

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private StubCluster stubs;
    private ClusterRegistry.SharedCluster shared;

    @AfterEach
    void close() {
        if (shared != null) {
            shared.releaseWithoutLinger();
            stubs.close();
        }
        scheduler.shutdownNow();
    }

    private Connection connect(String url) throws SQLException {
        stubs = StubCluster.of(url);
        ClusterRegistry registry = new ClusterRegistry(config -> new Router(stubs.cluster()), router -> { },
                scheduler);
        shared = registry.hold(stubs.config());
        return new RoutingConnection(shared.retain());
    }

    @Test
    void aClosedStatementIsHandedOutAgainForItsSql() throws SQLException {
        try (Connection connection = connect(CACHED)) {
            PreparedStatement first = connection.prepareStatement(READ);
            first.setInt(1, 1);
            first.close();
            PreparedStatement second = connection.prepareStatement(READ);
            assertSame(first, second);
            assertFalse(second.isClosed());
        }
    }

    @Test
    void aStatementHandedOutAgainHasItsSettingsBackAtTheirDefaults() throws SQLException {
        try (Connection connection = connect(CACHED)) {
            PreparedStatement first = connection.prepareStatement(READ);
            first.setMaxRows(5);
            first.setFetchSize(100);
            first.setQueryTimeout(7);
            first.setEscapeProcessing(false);
            first.closeOnCompletion();
            first.setInt(1, 1);
            first.addBatch();
            first.close();
            PreparedStatement second = connection.prepareStatement(READ);
            assertSame(first, second);
            assertEquals(0, second.getMaxRows());
            assertEquals(0, second.getFetchSize());
            assertEquals(0, second.getQueryTimeout());
            assertFalse(second.isCloseOnCompletion());
            assertTrue(second.isPoolable());
            assertEquals(0, second.executeBatch().length, "the batch went with the close");
        }
    }

    @Test
    void howManyAreKeptIsReadAsConnectorJReadsCachePrepStmtsAndPrepStmtCacheSize() throws SQLException {
        String url = "jdbc:rwsplit:mysql://p,r1,r2/app";
        assertEquals(0, ReusablePreparedStatements.sizeFor(RwSplitUrl.parse(url, new Properties())));
        assertEquals(25, ReusablePreparedStatements.sizeFor(RwSplitUrl.parse(url + "?cachePrepStmts=TRUE",
                new Properties())), "Connector/J's default prepStmtCacheSize");
        assertEquals(100, ReusablePreparedStatements.sizeFor(RwSplitUrl.parse(url
                + "?cachePrepStmts=yes&prepStmtCacheSize=100", new Properties())));
        assertEquals(0, ReusablePreparedStatements.sizeFor(RwSplitUrl.parse(url
                + "?cachePrepStmts=true&prepStmtCacheSize=0", new Properties())));
    }

    @Test
    void statementsAreNewWithoutConnectorJsCache() throws SQLException {
        try (Connection connection = connect("jdbc:rwsplit:mysql://p,r1,r2/app?clusterLinger=0&jmx=false")) {
            PreparedStatement first = connection.prepareStatement(READ);
            first.close();
            assertNotSame(first, connection.prepareStatement(READ));
        }
    }

    @Test
    void aStatementTheApplicationMarkedNotPoolableIsNotHandedOutAgain() throws SQLException {
        try (Connection connection = connect(CACHED)) {
            PreparedStatement first = connection.prepareStatement(READ);
            first.setPoolable(false);
            first.close();
            assertNotSame(first, connection.prepareStatement(READ));
        }
    }

    @Test
    void onlyTheSameSqlAndShapeGetAClosedStatement() throws SQLException {
        try (Connection connection = connect(CACHED)) {
            PreparedStatement plain = connection.prepareStatement(READ);
            plain.close();
            PreparedStatement withKeys = connection.prepareStatement(READ, Statement.RETURN_GENERATED_KEYS);
            assertNotSame(plain, withKeys);
            PreparedStatement other = connection.prepareStatement("SELECT v FROM t WHERE id > ?");
            assertNotSame(plain, other);
            PreparedStatement scrollable = connection.prepareStatement(READ, ResultSet.TYPE_SCROLL_INSENSITIVE,
                    ResultSet.CONCUR_READ_ONLY);
            assertNotSame(plain, scrollable);
            assertSame(plain, connection.prepareStatement(READ));
        }
    }

    @Test
    void anOpenStatementIsNeverHandedOutTwice() throws SQLException {
        try (Connection connection = connect(CACHED)) {
            PreparedStatement first = connection.prepareStatement(READ);
            first.close();
            PreparedStatement second = connection.prepareStatement(READ);
            PreparedStatement third = connection.prepareStatement(READ);
            assertSame(first, second);
            assertNotSame(second, third);
        }
    }

    @Test
    void callableStatementsAreNotHandedOutAgain() throws SQLException {
        try (Connection connection = connect(CACHED)) {
            PreparedStatement call = connection.prepareCall("CALL refresh(?)");
            call.close();
            assertNotSame(call, connection.prepareCall("CALL refresh(?)"));
        }
    }

    @Test
    void closingTheConnectionClosesItsStatementsForGood() throws SQLException {
        Connection connection = connect(CACHED);
        PreparedStatement open = connection.prepareStatement(READ);
        connection.close();
        assertTrue(open.isClosed());
        assertEquals(List.of(), stubs.executed());
    }
}
