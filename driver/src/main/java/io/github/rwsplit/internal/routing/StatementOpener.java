package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.SQLException;
import java.sql.Statement;

/** The JDBC statement side of an execution: creates its physical statement on the connection routing chose. */
public interface StatementOpener {
    /** Creates (or prepares) the physical statement on {@code lease}'s connection, with the logical one's settings. */
    Statement open(PhysicalConnection lease) throws SQLException;

    /** Whether the application cancelled, closed or aborted the statement during its last execution. */
    boolean cancelled();

    /** Whether a failed execution can run again elsewhere (parameters read from streams cannot). */
    boolean replayable();

    /**
     * This read as it can run again later on another connection, with the parameters and settings it runs with now,
     * for an optimistic transaction's verification; null when it cannot (a parameter read from a stream, or an
     * updatable result set, whose updates would go to the node it was read from).
     */
    ReadReplay replay(String sql);
}
