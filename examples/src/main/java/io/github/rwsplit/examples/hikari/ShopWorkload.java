package io.github.rwsplit.examples.hikari;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;

/**
 * A small shop: application threads that look up stock (reads, outside transactions) and place orders (a read-write
 * transaction each), every one borrowing its connection from the application's pool per request.
 */
public final class ShopWorkload {
    /** Every {@code ORDER_EVERY}th request of a thread places an order; the others only look up stock. */
    static final int ORDER_EVERY = 4;
    private static final int PRODUCTS = 5;

    private final DataSource pool;

    public ShopWorkload(DataSource pool) {
        this.pool = pool;
    }

    /**
     * What the workload did.
     *
     * @param lookups  reads outside transactions
     * @param orders   transactions, each a locking read, an UPDATE and an INSERT
     */
    public record Outcome(int lookups, int orders) {
        public int readsInTransactions() {
            return orders;
        }

        public int writes() {
            return 2 * orders;
        }
    }

    public void createSchema() throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE stock (sku INT PRIMARY KEY, quantity INT NOT NULL)");
            statement.execute("CREATE TABLE sale (id INT AUTO_INCREMENT PRIMARY KEY, sku INT NOT NULL)");
            StringBuilder rows = new StringBuilder();
            for (int sku = 1; sku <= PRODUCTS; sku++) {
                rows.append(sku == 1 ? "" : ", ").append('(').append(sku).append(", 1000)");
            }
            statement.executeUpdate("INSERT INTO stock (sku, quantity) VALUES " + rows);
        }
    }

    public Outcome run(int threads, int requestsPerThread) throws SQLException, InterruptedException {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                runs.add(executor.submit(() -> serve(requestsPerThread)));
            }
            int lookups = 0;
            int orders = 0;
            for (Future<Outcome> run : runs) {
                Outcome outcome = run.get();
                lookups += outcome.lookups();
                orders += outcome.orders();
            }
            return new Outcome(lookups, orders);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sqlException) {
                throw sqlException;
            }
            throw new IllegalStateException("a request failed", e.getCause());
        } finally {
            executor.shutdown();
        }
    }

    private Outcome serve(int requests) throws SQLException {
        int lookups = 0;
        int orders = 0;
        for (int request = 1; request <= requests; request++) {
            int sku = 1 + request % PRODUCTS;
            if (request % ORDER_EVERY == 0) {
                order(sku);
                orders++;
            } else {
                quantity(sku);
                lookups++;
            }
        }
        return new Outcome(lookups, orders);
    }

    /** A read outside any transaction: a replica serves it. */
    int quantity(int sku) throws SQLException {
        try (Connection connection = pool.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT quantity FROM stock WHERE sku = ?")) {
            select.setInt(1, sku);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    /** A read-write transaction: all of it, the locking read included, runs on one primary connection. */
    void order(int sku) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                         "SELECT quantity FROM stock WHERE sku = ? FOR UPDATE");
                 PreparedStatement take = connection.prepareStatement(
                         "UPDATE stock SET quantity = quantity - 1 WHERE sku = ?");
                 PreparedStatement sell = connection.prepareStatement("INSERT INTO sale (sku) VALUES (?)")) {
                lock.setInt(1, sku);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                }
                take.setInt(1, sku);
                take.executeUpdate();
                sell.setInt(1, sku);
                sell.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
