package io.github.rwsplit.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A design whose every thread opens its connections once and keeps them for the whole run, as an application holds
 * one for a request: what a statement costs then is the statement alone, with no borrow or open around it.
 */
final class HeldConnections implements Design {
    /** Opens one connection. */
    @FunctionalInterface
    interface Opener {
        Connection open() throws SQLException;
    }

    private final String name;
    private final Opener reads;
    private final Opener writes;
    private final Runnable closeSource;
    private final ThreadLocal<Connection> readConnection = new ThreadLocal<>();
    private final ThreadLocal<Connection> writeConnection = new ThreadLocal<>();
    private final List<Connection> opened = new ArrayList<>();

    HeldConnections(String name, Opener reads, Opener writes, Runnable closeSource) {
        this.name = name;
        this.reads = reads;
        this.writes = writes;
        this.closeSource = closeSource;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Connection forRead() throws SQLException {
        return held(readConnection, reads);
    }

    @Override
    public Connection forWrite() throws SQLException {
        return held(writeConnection, writes);
    }

    private Connection held(ThreadLocal<Connection> slot, Opener opener) throws SQLException {
        Connection connection = slot.get();
        if (connection == null) {
            connection = opener.open();
            slot.set(connection);
            synchronized (opened) {
                opened.add(connection);
            }
        }
        return connection;
    }

    @Override
    public void release(Connection connection) {
        // Held for the next request of the same thread.
    }

    @Override
    public void close() {
        synchronized (opened) {
            for (Connection connection : opened) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    System.err.println(name + ": closing a held connection failed: " + e);
                }
            }
            opened.clear();
        }
        closeSource.run();
    }
}
