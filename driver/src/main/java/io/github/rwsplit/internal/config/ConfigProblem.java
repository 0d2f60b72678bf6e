package io.github.rwsplit.internal.config;

import java.sql.SQLException;

/**
 * A problem with the URL or an option, reported when the application connects. SQLState 01S00 is Connector/J's
 * "invalid connection attribute", which tools and outer pools already know.
 */
public final class ConfigProblem extends SQLException {
    private static final long serialVersionUID = 1L;
    public static final String SQLSTATE = "01S00";
    static final String PREFIX = "rwsplit: ";

    public ConfigProblem(String message) {
        super(PREFIX + message, SQLSTATE);
    }
}
