package io.github.rwsplit.internal.routing;

import java.sql.SQLException;
import java.sql.Statement;

/** The JDBC call one execution makes on its physical statement. */
@FunctionalInterface
public interface PhysicalCall<T> {
    T run(Statement physical) throws SQLException;
}
