package io.github.rwsplit.internal.routing;

import java.sql.SQLException;
import java.sql.Statement;

/** The JDBC statement side of an execution: creates its physical statement on the connection routing chose. */
public interface StatementOpener {
    /** Creates (or prepares) the physical statement on {@code lease}'s connection, with the logical one's settings. */
    Statement open(Lease lease) throws SQLException;

    /** Whether the application cancelled, closed or aborted the statement during its last execution. */
    boolean cancelled();

    /** Whether a failed execution can run again elsewhere (parameters read from streams cannot). */
    boolean replayable();
}
