package io.github.rwsplit.internal.delegation;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** One recorded parameter value, applied to a physical prepared statement at a given index. */
@FunctionalInterface
public interface ParameterBinding {
    void apply(PreparedStatement statement, int parameterIndex) throws SQLException;
}
