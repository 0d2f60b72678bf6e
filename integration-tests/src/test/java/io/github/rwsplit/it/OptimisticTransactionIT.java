package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.metrics.OptimisticStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optimistic read-write transactions (docs/optimistic-transactions.md) against a real primary and replicas: reads
 * before the first write on a replica, the verified move, 40001 when a read changed, and the total of concurrent
 * transfers.
 */
@WithReplicationCluster
class OptimisticTransactionIT {
    private static final Logger log = LoggerFactory.getLogger(OptimisticTransactionIT.class);
    private static final int ACCOUNTS = 4;
    private static final int OPENING_BALANCE = 1000;

    private final ReplicationCluster cluster;

    OptimisticTransactionIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void openAccounts() throws SQLException {
        try (Connection connection = cluster.primary().appConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS accounts");
            statement.execute("DROP TABLE IF EXISTS ledger");
            statement.execute("CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL)");
            statement.execute("CREATE TABLE ledger (id INT AUTO_INCREMENT PRIMARY KEY, from_id INT, to_id INT,"
                    + " amount INT NOT NULL)");
            for (int id = 1; id <= ACCOUNTS; id++) {
                statement.execute("INSERT INTO accounts VALUES (" + id + ", " + OPENING_BALANCE + ")");
            }
        }
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    private RwSplitDataSource optimistic(String... options) {
        List<String> all = new ArrayList<>(List.of("optimisticTransactions=true"));
        all.addAll(List.of(options));
        return new RwSplitDataSource(cluster.rwsplitUrl(all.toArray(String[]::new)));
    }

    private static int balance(Connection connection, int id) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            read.setInt(1, id);
            try (ResultSet row = read.executeQuery()) {
                assertTrue(row.next(), "account " + id);
                return row.getInt(1);
            }
        }
    }

    private static void update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private int onThePrimary(String sql) throws SQLException {
        try (Connection connection = cluster.primary().appConnection();
             Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getInt(1);
        }
    }

    private void changeOnThePrimary(String sql) throws SQLException {
        try (Connection connection = cluster.primary().appConnection()) {
            update(connection, sql);
        }
    }

    /** The replica whose read count grew between two snapshots. */
    private ClusterNode servedTheLastRead(ClusterStats before, ClusterStats after) {
        for (ClusterNode replica : cluster.replicas()) {
            String node = replica.host() + ":" + replica.port();
            if (after.node(node).reads() > before.node(node).reads()) {
                return replica;
            }
        }
        throw new AssertionError("no replica served the read: " + after);
    }

    private static long replicaReads(RwSplitDataSource dataSource) {
        return dataSource.getClusterStats().replicas().stream().mapToLong(NodeStats::reads).sum();
    }

    private static long primaryReads(RwSplitDataSource dataSource) {
        return dataSource.getClusterStats().primary().reads();
    }

    @Test
    void readsBeforeTheFirstWriteRunOnAReplica_andTheFirstWriteMovesTheTransactionToThePrimary() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            assertEquals(OPENING_BALANCE, balance(connection, 1));
            assertEquals(OPENING_BALANCE, balance(connection, 2));
            assertEquals(2, replicaReads(dataSource));
            assertEquals(0, primaryReads(dataSource));

            update(connection, "UPDATE accounts SET balance = balance - 10 WHERE id = 1");
            update(connection, "UPDATE accounts SET balance = balance + 10 WHERE id = 2");
            assertEquals(OPENING_BALANCE - 10, balance(connection, 1), "the transaction sees its own write");
            assertEquals(2 + 1, primaryReads(dataSource), "the two reads run again at the move, and the last read");
            connection.commit();

            assertEquals(OPENING_BALANCE - 10, onThePrimary("SELECT balance FROM accounts WHERE id = 1"));
            assertEquals(new OptimisticStats(1, 0, 1, 0), dataSource.getClusterStats().optimistic());
        }
    }

    @Test
    void aRowChangedOnThePrimaryBetweenTheReplicaReadAndTheFirstWrite_gives40001AndNothingIsCommitted()
            throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            int read = balance(connection, 1);
            changeOnThePrimary("UPDATE accounts SET balance = 500 WHERE id = 1");

            SQLException refused = assertThrows(SQLException.class, () -> update(connection,
                    "INSERT INTO ledger (from_id, to_id, amount) VALUES (1, 2, " + read + ")"));
            assertEquals("40001", refused.getSQLState(), refused.toString());
            connection.rollback();
            assertEquals(0, onThePrimary("SELECT COUNT(*) FROM ledger"), "nothing of the transaction committed");
            assertEquals(500, onThePrimary("SELECT balance FROM accounts WHERE id = 1"));
            assertEquals(new OptimisticStats(1, 0, 0, 1), dataSource.getClusterStats().optimistic());

            // The retry runs on the primary, sees the change, and commits.
            assertEquals(500, balance(connection, 1));
            update(connection, "INSERT INTO ledger (from_id, to_id, amount) VALUES (1, 2, 500)");
            connection.commit();
            assertEquals(1, onThePrimary("SELECT COUNT(*) FROM ledger"));
        }
    }

    @Test
    void aLockingReadMovesTheTransaction_andEveryLaterStatementStaysOnThePrimary() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            balance(connection, 1);
            try (Statement statement = connection.createStatement();
                 ResultSet locked = statement.executeQuery("SELECT balance FROM accounts WHERE id = 1 FOR UPDATE")) {
                assertTrue(locked.next());
            }
            assertEquals(cluster.primary(), ServedBy.serverId(cluster, connection));
            assertEquals(cluster.primary(), ServedBy.query(cluster, connection,
                    "SELECT @@server_id FROM accounts WHERE id = 2"));
            try (Connection other = cluster.primary().appConnection(); Statement statement = other.createStatement()) {
                other.setAutoCommit(false);
                SQLException busy = assertThrows(SQLException.class, () -> statement.executeQuery(
                        "SELECT balance FROM accounts WHERE id = 1 FOR UPDATE NOWAIT"), "the row lock is held");
                assertEquals(1205, busy.getErrorCode(), busy.toString());
                other.rollback();
            }
            connection.commit();
            connection.setAutoCommit(true);
            assertTrue(ServedBy.serverId(cluster, connection).isReplica());
            assertEquals(new OptimisticStats(1, 0, 1, 0), dataSource.getClusterStats().optimistic());
        }
    }

    @Test
    void readYourWritesHoldsBeforeAcrossAndAfterTheMove() throws SQLException {
        int stale = 0;
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO ledger (id, from_id, to_id, amount) VALUES (?, 0, 0, ?)");
             PreparedStatement read = connection.prepareStatement("SELECT amount FROM ledger WHERE id = ?");
             PreparedStatement bump = connection.prepareStatement(
                     "UPDATE ledger SET amount = amount + 1 WHERE id = ?")) {
            for (int id = 1; id <= 100; id++) {
                connection.setAutoCommit(true);
                insert.setInt(1, id);
                insert.setInt(2, id);
                insert.executeUpdate();
                connection.setAutoCommit(false);
                read.setInt(1, id);
                stale += amount(read) == id ? 0 : 1;
                bump.setInt(1, id);
                bump.executeUpdate();
                stale += amount(read) == id + 1 ? 0 : 1;
                connection.commit();
                stale += amount(read) == id + 1 ? 0 : 1;
                connection.commit();
            }
            assertEquals(0, stale, "reads that missed this connection's own write");
            assertTrue(dataSource.getClusterStats().optimistic().started() > 0);
        }
    }

    private static int amount(PreparedStatement read) throws SQLException {
        try (ResultSet row = read.executeQuery()) {
            return row.next() ? row.getInt(1) : -1;
        }
    }

    @Test
    void aTransactionThatOnlyReadsEndsOnItsReplica_andNeverReachesThePrimary() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 10; i++) {
                balance(connection, 1);
                balance(connection, 2);
                if (i % 2 == 0) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            }
            ClusterStats stats = dataSource.getClusterStats();
            assertEquals(0, stats.primary().reads() + stats.primary().writes());
            assertEquals(20, replicaReads(dataSource));
            assertEquals(new OptimisticStats(10, 10, 0, 0), stats.optimistic());
        }
    }

    @Test
    void anOpenResultSetIsVerifiedOverTheRowsReadSoFar_andReadsTheRestFromThePrimary() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts ORDER BY id")) {
                assertTrue(rows.next());
                assertTrue(rows.next());
                changeOnThePrimary("UPDATE accounts SET balance = 7 WHERE id = 4");
                update(connection, "UPDATE accounts SET balance = balance - 1 WHERE id = 1");
                assertEquals(2, rows.getInt(1), "the current row stays");
                assertTrue(rows.next());
                assertTrue(rows.next());
                assertEquals(4, rows.getInt(1));
                assertEquals(7, rows.getInt(2), "rows after the move come from the primary");
                assertFalse(rows.next());
            }
            connection.commit();
            assertEquals(new OptimisticStats(1, 0, 1, 0), dataSource.getClusterStats().optimistic());
        }
    }

    @Test
    void aRowAlreadyReadFromAnOpenResultSetThatChanged_gives40001() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            try (ResultSet rows = statement.executeQuery("SELECT id, balance FROM accounts ORDER BY id")) {
                assertTrue(rows.next());
                assertTrue(rows.next());
                changeOnThePrimary("UPDATE accounts SET balance = 7 WHERE id = 2");
                assertEquals("40001", assertThrows(SQLException.class, () -> update(connection,
                        "UPDATE accounts SET balance = balance - 1 WHERE id = 1")).getSQLState());
            }
            connection.rollback();
            assertEquals(OPENING_BALANCE, onThePrimary("SELECT balance FROM accounts WHERE id = 1"));
        }
    }

    @Test
    void aPreparedReadIsReplayedWithTheParametersItRanWith() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection();
             PreparedStatement read = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            connection.setAutoCommit(false);
            read.setInt(1, 1);
            assertEquals(OPENING_BALANCE, amount(read));
            read.setInt(1, 2);
            changeOnThePrimary("UPDATE accounts SET balance = 5 WHERE id = 2");
            update(connection, "UPDATE accounts SET balance = balance - 1 WHERE id = 1");
            connection.commit();
            assertEquals(new OptimisticStats(1, 0, 1, 0), dataSource.getClusterStats().optimistic());
        }
    }

    @Test
    void theReadBeyondTheReplayLimitMovesTheTransactionAtOnce() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic("optimisticReplayLimit=3");
             Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            for (int id = 1; id <= 4; id++) {
                balance(connection, id);
            }
            assertEquals(3, replicaReads(dataSource));
            assertEquals(3 + 1, primaryReads(dataSource), "three run again at the move, then the fourth");
            connection.commit();
            assertEquals(new OptimisticStats(1, 0, 1, 0), dataSource.getClusterStats().optimistic());
        }
    }

    @Test
    void serializableTransactionsRunOnThePrimaryFromTheirStart() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            connection.setAutoCommit(false);
            balance(connection, 1);
            assertEquals(1, primaryReads(dataSource));
            connection.commit();
            assertEquals(0, dataSource.getClusterStats().optimistic().started());
        }
    }

    @Test
    void aReplicaKilledMidTransaction_failsItWithAConnectionError_andNothingIsLost() throws SQLException {
        try (RwSplitDataSource dataSource = optimistic(); Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            ClusterStats before = dataSource.getClusterStats();
            balance(connection, 1);
            ClusterNode replica = servedTheLastRead(before, dataSource.getClusterStats());
            replica.kill();

            SQLException broken = assertThrows(SQLException.class, () -> balance(connection, 2));
            assertTrue(broken.getSQLState().startsWith("08"), broken.toString());
            assertTrue(assertThrows(SQLException.class, () -> update(connection,
                    "UPDATE accounts SET balance = 0 WHERE id = 1")).getSQLState().startsWith("08"));
            connection.rollback();

            assertEquals(OPENING_BALANCE, balance(connection, 1));
            update(connection, "UPDATE accounts SET balance = balance - 1 WHERE id = 1");
            connection.commit();
            assertEquals(OPENING_BALANCE - 1, onThePrimary("SELECT balance FROM accounts WHERE id = 1"));
        } finally {
            cluster.reset();
        }
    }

    /**
     * Eight threads move money between four accounts, each transfer reading both balances (on a replica) before it
     * writes, retrying on 40001 (a refused move, or a deadlock on the primary). Money is neither made nor lost, and
     * every committed transfer is whole.
     */
    @Test
    void concurrentTransfersRetriedOn40001_keepTheTotalAndTheLedgerExact() throws Exception {
        int threads = 8;
        int transfersEach = 40;
        AtomicInteger refusals = new AtomicInteger();
        try (RwSplitDataSource dataSource = optimistic("pool.maximumPoolSize=" + threads)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        try (Connection connection = dataSource.getConnection()) {
                            connection.setAutoCommit(false);
                            for (int i = 0; i < transfersEach; i++) {
                                while (!transfer(connection)) {
                                    refusals.incrementAndGet();
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get(5, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            OptimisticStats stats = dataSource.getClusterStats().optimistic();
            assertTrue(stats.started() > 0 && stats.moved() > 0, stats.toString());
            log.info("{} transfers, {} retries on 40001, optimistic transactions: {}", threads * transfersEach,
                    refusals, stats);
        }
        assertEquals(ACCOUNTS * OPENING_BALANCE, onThePrimary("SELECT SUM(balance) FROM accounts"));
        for (int id = 1; id <= ACCOUNTS; id++) {
            int expected = OPENING_BALANCE
                    - onThePrimary("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE from_id = " + id)
                    + onThePrimary("SELECT COALESCE(SUM(amount), 0) FROM ledger WHERE to_id = " + id);
            assertEquals(expected, onThePrimary("SELECT balance FROM accounts WHERE id = " + id), "account " + id);
        }
    }

    /** One transfer; false when it was rolled back with 40001 and must be retried. */
    private static boolean transfer(Connection connection) throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int from = random.nextInt(1, ACCOUNTS + 1);
        int to = from % ACCOUNTS + 1;
        try {
            int available = balance(connection, from);
            balance(connection, to);
            int amount = Math.min(available, random.nextInt(1, 50));
            int first = Math.min(from, to);
            int second = Math.max(from, to);
            update(connection, "UPDATE accounts SET balance = balance " + (first == from ? "-" : "+") + " " + amount
                    + " WHERE id = " + first);
            update(connection, "UPDATE accounts SET balance = balance " + (second == from ? "-" : "+") + " "
                    + amount + " WHERE id = " + second);
            update(connection, "INSERT INTO ledger (from_id, to_id, amount) VALUES (" + from + ", " + to + ", "
                    + amount + ")");
            connection.commit();
            return true;
        } catch (SQLException e) {
            if (!"40001".equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback();
            return false;
        }
    }
}
