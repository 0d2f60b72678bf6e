package io.github.rwsplit.flyway;

import io.github.rwsplit.internal.config.RwSplitUrl;
import io.github.rwsplit.jdbc.RwSplitDriver;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.BaseDatabaseType;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;

/**
 * Lets Flyway take a {@code jdbc:rwsplit:} URL: {@code Flyway.configure().dataSource(url, user, password)}, the
 * Flyway command line and its Maven and Gradle plugins with rwsplit on their class path, and Spring Boot's
 * {@code spring.flyway.url}. Flyway finds this type through its plugin loader (the driver's
 * {@code META-INF/services/org.flywaydb.core.extensibility.Plugin}); without Flyway nothing loads it.
 *
 * <p>Flyway chooses a database type twice. From the URL it chooses the JDBC driver: this type claims
 * {@code jdbc:rwsplit:} URLs and names {@link RwSplitDriver}. From the first connection's metadata it chooses the
 * type that builds the database it migrates: there this type steps aside, so Flyway's MySQL or MariaDB support
 * ({@code org.flywaydb:flyway-mysql}) recognises the server behind the URL as it would through Connector/J alone, and
 * migrations get that family's SQL parser, lock and history table. The migration's statements then run through
 * rwsplit, which sends its DDL, history-table writes and named lock to the primary.
 *
 * <p>Only when no type of {@code flyway-mysql} is there to recognise an rwsplit connection does this type, ranked
 * below them, take it, to fail with the missing dependency named instead of Flyway's "Unsupported Database".
 *
 * <p>Written against the database-type contract that Flyway 10, 11 and 12 share.
 */
public final class RwSplitDatabaseType extends BaseDatabaseType {
    /** Below flyway-mysql's MySQL (0) and MariaDB (1) types, which Flyway asks first, highest priority first. */
    private static final int PRIORITY = -1;

    @Override
    public String getName() {
        return "rwsplit";
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** As flyway-mysql: MySQL and MariaDB take a NULL bound as VARCHAR. */
    @Override
    public int getNullType() {
        return Types.VARCHAR;
    }

    @Override
    public boolean handlesJDBCUrl(String url) {
        return RwSplitUrl.accepts(url);
    }

    @Override
    public String getDriverClass(String url, ClassLoader classLoader) {
        return RwSplitDriver.class.getName();
    }

    /** True for rwsplit connections, which reach this type only when flyway-mysql is missing (see the class comment). */
    @Override
    public boolean handlesDatabaseProductNameAndVersion(String databaseProductName, String databaseProductVersion,
            Connection connection) {
        try {
            return RwSplitUrl.accepts(connection.getMetaData().getURL());
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public Database<?> createDatabase(Configuration configuration, JdbcConnectionFactory jdbcConnectionFactory,
            StatementInterceptor statementInterceptor) {
        throw missingServerSupport(jdbcConnectionFactory.getProductName());
    }

    @Override
    public Parser createParser(Configuration configuration, ResourceProvider resourceProvider,
            ParsingContext parsingContext) {
        throw missingServerSupport("MySQL or MariaDB");
    }

    private static FlywayException missingServerSupport(String server) {
        return new FlywayException("Flyway reached " + server + " through rwsplit but has no MySQL or MariaDB support"
                + " to migrate it with: add org.flywaydb:flyway-mysql, of the same version as flyway-core, beside"
                + " rwsplit-driver (for the Flyway command line, its jar in the drivers folder; for the Maven or Gradle"
                + " plugin, a dependency of the plugin)");
    }
}
