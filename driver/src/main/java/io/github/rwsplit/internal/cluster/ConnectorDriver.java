package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.NonRegisteringDriver;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Connector/J's driver, through which every node connection is opened. rwsplit uses {@code NonRegisteringDriver}
 * rather than {@code com.mysql.cj.jdbc.Driver} so that loading rwsplit does not register Connector/J with
 * DriverManager behind the application's back; that class is Connector/J's internal, and this is its one user.
 */
public final class ConnectorDriver {
    private static final Driver CONNECTOR = newConnector();

    private ConnectorDriver() {
    }

    /** Opens a Connector/J connection; null when the URL is not one of Connector/J's (as {@link Driver#connect}). */
    static Connection connect(String url, Properties properties) throws SQLException {
        return CONNECTOR.connect(url, properties);
    }

    /** Connector/J's major version, known without a connection. */
    public static int majorVersion() {
        return CONNECTOR.getMajorVersion();
    }

    /** Connector/J's minor version, known without a connection. */
    public static int minorVersion() {
        return CONNECTOR.getMinorVersion();
    }

    /**
     * Whether this Connector/J hands over the session-state part of every OK packet, which read-your-writes reads each
     * commit's GTID from. Before 8.4 (8.0.33 for one) it read the packet's info text up to a NUL byte instead of by its
     * length, so the tracked GTID behind a non-empty info (an UPDATE's "Rows matched: ...") was lost; those versions
     * ask the server for the GTID after a write instead.
     */
    static boolean reportsSessionStateInOkPackets() {
        return isAtLeast(majorVersion(), minorVersion(), 8, 4);
    }

    static boolean isAtLeast(int major, int minor, int wantedMajor, int wantedMinor) {
        return major > wantedMajor || major == wantedMajor && minor >= wantedMinor;
    }

    private static Driver newConnector() {
        try {
            return new NonRegisteringDriver();
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
