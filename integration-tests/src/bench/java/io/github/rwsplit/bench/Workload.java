package io.github.rwsplit.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/** What one simulated request does, through any design. */
enum Workload {
    /** A point select by PreparedStatement (the classifier decides each SQL text once). */
    POINT_SELECT_PREPARED("point select, PreparedStatement") {
        @Override
        void run(Design design) throws SQLException {
            pointSelect(design);
        }
    },
    /** A point select by Statement with a different literal each time: every execution is new SQL text. */
    POINT_SELECT_LITERALS("point select, Statement with literals") {
        @Override
        void run(Design design) throws SQLException {
            Connection connection = design.forRead();
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT id, v FROM bench WHERE id = " + randomId())) {
                row.next();
            } finally {
                design.release(connection);
            }
        }
    },
    /** 90% point selects, 10% short read-write transactions (an update and a read of it). */
    MIX_90_10("90/10 read/write, short transactions") {
        @Override
        void run(Design design) throws SQLException {
            if (ThreadLocalRandom.current().nextInt(10) > 0) {
                pointSelect(design);
                return;
            }
            int id = randomId();
            Connection connection = design.forWrite();
            try {
                connection.setAutoCommit(false);
                try (PreparedStatement update = connection.prepareStatement("UPDATE bench SET v = v + 1 WHERE id = ?");
                     PreparedStatement read = connection.prepareStatement("SELECT v FROM bench WHERE id = ?")) {
                    update.setInt(1, id);
                    update.executeUpdate();
                    read.setInt(1, id);
                    try (ResultSet row = read.executeQuery()) {
                        row.next();
                    }
                }
                connection.commit();
                connection.setAutoCommit(true);
            } finally {
                design.release(connection);
            }
        }
    },
    /**
     * Transactions with autocommit off, as autocommit-off pools and frameworks run them: 90% only read (three point
     * selects), 10% read a row and then update it. A transaction refused with 40001 is retried until it commits.
     */
    READ_MOSTLY_TRANSACTIONS("read-mostly transactions (90% read-only, 10% read then write)") {
        @Override
        void run(Design design) throws SQLException {
            boolean writes = ThreadLocalRandom.current().nextInt(10) == 0;
            try (Connection connection = design.forWrite()) {
                connection.setAutoCommit(false);
                while (!readMostly(connection, writes)) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        }
    };

    static final int ROWS = 10_000;

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    abstract void run(Design design) throws SQLException;

    static int randomId() {
        return 1 + ThreadLocalRandom.current().nextInt(ROWS);
    }

    /** One transaction; false when it was refused with 40001 (a changed read, or a deadlock) and must run again. */
    private static boolean readMostly(Connection connection, boolean writes) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, v FROM bench WHERE id = ?")) {
            int id = randomId();
            for (int i = 0; i < (writes ? 1 : 3); i++) {
                select.setInt(1, i == 0 ? id : randomId());
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                }
            }
            if (writes) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE bench SET v = v + 1 WHERE id = ?")) {
                    update.setInt(1, id);
                    update.executeUpdate();
                }
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    static void pointSelect(Design design) throws SQLException {
        Connection connection = design.forRead();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, v FROM bench WHERE id = ?")) {
            select.setInt(1, randomId());
            try (ResultSet row = select.executeQuery()) {
                row.next();
            }
        } finally {
            design.release(connection);
        }
    }
}
