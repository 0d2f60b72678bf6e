package io.github.rwsplit.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Inserts rows on its own connection until closed, so that replicas have something to lag behind. */
final class BackgroundWriter implements AutoCloseable {
    private final Thread thread;
    private volatile boolean running = true;
    private volatile SQLException failure;

    /** Writes {@code INSERT INTO table VALUES (n)} for n = 1, 2, ... */
    BackgroundWriter(DataSource dataSource, String table) {
        thread = new Thread(() -> {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                for (int id = 1; running; id++) {
                    statement.executeUpdate("INSERT INTO " + table + " VALUES (" + id + ")");
                }
            } catch (SQLException e) {
                failure = e;
            }
        }, "background-writer");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException, SQLException {
        running = false;
        thread.join();
        if (failure != null) {
            throw failure;
        }
    }
}
