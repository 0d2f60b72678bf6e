package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.rwsplit.testcluster.ServerVersion;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.MariaDBDialect;
import org.hibernate.dialect.MySQLDialect;

/** Which Hibernate dialect each server family must get. */
final class ServerDialects {
    private ServerDialects() {
    }

    /** MariaDBDialect for MariaDB, MySQLDialect (and not its MariaDB subclass) for MySQL; the server's own version. */
    static void assertMatches(ServerVersion server, Dialect dialect) {
        switch (server.family()) {
            case MARIADB -> assertInstanceOf(MariaDBDialect.class, dialect);
            case MYSQL -> {
                assertInstanceOf(MySQLDialect.class, dialect);
                assertEquals(MySQLDialect.class, dialect.getClass(), "the dialect for " + server);
            }
        }
        assertEquals(server.major(), dialect.getVersion().getMajor(), "the dialect's version for " + server);
        assertEquals(server.minor(), dialect.getVersion().getMinor(), "the dialect's version for " + server);
    }
}
