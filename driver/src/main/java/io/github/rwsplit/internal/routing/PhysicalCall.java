package io.github.rwsplit.internal.routing;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JDBC call one execution makes on its physical statement. It is given the SQL text rather than capturing it, so
 * that the common calls are constants instead of an object per execution.
 */
@FunctionalInterface
public interface PhysicalCall<T> {
    T run(Statement physical, String sql) throws SQLException;
}
