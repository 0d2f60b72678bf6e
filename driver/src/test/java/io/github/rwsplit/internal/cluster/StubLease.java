package io.github.rwsplit.internal.cluster;

import com.mysql.cj.jdbc.JdbcConnection;
import java.sql.Connection;

/** One borrow of a {@link StubConnection}: the session is reused across borrows, the borrow is new each time. */
final class StubLease extends PhysicalConnection {
    private final StubConnection session;

    StubLease(Node node, StubConnection session) {
        super(node);
        this.session = session;
    }

    StubConnection session() {
        return session;
    }

    @Override
    public Connection connection() {
        return session.connection();
    }

    @Override
    public JdbcConnection server() {
        return session.server();
    }

    @Override
    public boolean inTransactionOnServer() {
        return session.inTransactionOnServer();
    }

    @Override
    GtidSet reportedGtids() {
        return session.reportedGtids();
    }

    @Override
    void abortSession() {
        session.abort();
    }
}
