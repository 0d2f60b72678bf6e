package io.github.rwsplit.internal.routing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One read of an optimistic transaction as it can run again on another connection: its SQL with the parameters and
 * statement settings it ran with, captured when it ran. Closing the returned result set's statement is the caller's.
 */
@FunctionalInterface
public interface ReadReplay {
    ResultSet run(Connection connection) throws SQLException;
}
