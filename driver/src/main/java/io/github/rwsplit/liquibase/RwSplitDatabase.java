package io.github.rwsplit.liquibase;

import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.jdbc.RwSplitDriver;
import liquibase.database.DatabaseConnection;
import liquibase.database.core.MySQLDatabase;

/**
 * Lets Liquibase take a {@code jdbc:rwsplit:} URL without a driver class: its command line, Maven and Gradle plugins
 * and {@code spring.liquibase.url}. Liquibase finds this class through its service loader (the driver's
 * {@code META-INF/services/liquibase.database.Database}); without Liquibase nothing loads it.
 *
 * <p>Liquibase chooses the JDBC driver for a URL by asking each database it knows for its default driver, and then
 * the database it migrates by asking each whether it recognises the open connection. This class answers the first
 * question only, naming {@link RwSplitDriver}, and never claims a connection: Liquibase's own MySQL or MariaDB
 * database recognises the server behind rwsplit from the connection's metadata, as it would through Connector/J
 * alone. It extends {@code MySQLDatabase} only to be a complete {@code Database} without restating one; its short
 * name is its own, so it replaces none of Liquibase's databases.
 */
public final class RwSplitDatabase extends MySQLDatabase {
    @Override
    public String getShortName() {
        return "rwsplit";
    }

    @Override
    public String getDefaultDriver(String url) {
        return RwSplitUrl.accepts(url) ? RwSplitDriver.class.getName() : null;
    }

    @Override
    public boolean isCorrectDatabaseImplementation(DatabaseConnection connection) {
        return false;
    }
}
