package io.github.rwsplit.internal.session;

import io.github.rwsplit.internal.cluster.PhysicalConnection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Moves a physical session from the snapshot it carries (its tag) to the one a logical connection needs, in as few
 * round trips as possible: usually none, since the tag already matches; otherwise one SET statement.
 *
 * <p>Before a variable is first changed on a session, its original value is saved in a user variable in the same SET
 * statement ({@code @rwsplit_saved_x = @@session.x, x = …}); when a later borrower does not want the setting, the
 * original comes back from there. This restores exactly what the pool's connection had, including what Connector/J set
 * at connect (sql_mode, character sets), which {@code SET x = DEFAULT} would not.
 */
public final class SessionSync {
    private static final String SAVED_PREFIX = "@rwsplit_saved_";

    private SessionSync() {
    }

    /** The snapshot a physical session carries. */
    public static SessionSnapshot current(PhysicalConnection connection) {
        Object tag = connection.sessionTag();
        return tag instanceof SessionSnapshot snapshot ? snapshot : SessionSnapshot.DEFAULT;
    }

    /**
     * Brings {@code connection} to {@code target}. On failure the session's state is unknown: the caller must discard the
     * connection, not pool it.
     *
     * @param defaultCatalog the database of the URL, which a session returns to when the target names none
     * @throws CannotRestoreException when the session must go back to "no database", which MySQL cannot do
     */
    public static void apply(PhysicalConnection connection, SessionSnapshot target, String defaultCatalog)
            throws SQLException {
        SessionSnapshot from = current(connection);
        if (from.equals(target)) {
            return;
        }
        runStatements(connection, variableStatements(from, target));
        if (!java.util.Objects.equals(from.catalog(), target.catalog())) {
            String catalog = target.catalog() != null ? target.catalog() : defaultCatalog;
            if (catalog == null) {
                throw new CannotRestoreException("a session cannot return to having no database");
            }
            connection.server().setCatalog(catalog);
        }
        if (from.isolation() != target.isolation()) {
            if (from.isolation() == SessionSnapshot.DEFAULT_ISOLATION) {
                connection.node().rememberDefaultIsolation(connection.server().getTransactionIsolation());
            }
            connection.server().setTransactionIsolation(target.isolation() == SessionSnapshot.DEFAULT_ISOLATION
                    ? connection.node().defaultIsolation() : target.isolation());
        }
        connection.sessionTag(target.isDefault() ? null : target);
    }

    /** The SET statements that move variables from one snapshot to another, in order. */
    static List<String> variableStatements(SessionSnapshot from, SessionSnapshot target) {
        Set<String> saved = from.changedVariables();
        Set<String> wanted = target.changedVariables();
        List<String> statements = new ArrayList<>();
        List<String> assignments = new ArrayList<>();
        List<SessionVariable> toApply;
        if (from.variablesArePrefixOf(target)) {
            toApply = target.variables().subList(from.variables().size(), target.variables().size());
        } else {
            // Settings may build on each other (sql_mode = CONCAT(@@sql_mode, …)): start again from the originals.
            for (String name : saved) {
                assignments.add("@@session." + name + " = " + SAVED_PREFIX + name);
            }
            for (String name : saved) {
                if (!wanted.contains(name)) {
                    assignments.add(SAVED_PREFIX + name + " = NULL");
                }
            }
            toApply = target.variables();
        }
        for (String name : wanted) {
            if (!saved.contains(name)) {
                assignments.add(SAVED_PREFIX + name + " = @@session." + name);
            }
        }
        for (SessionVariable variable : toApply) {
            if (variable.standalone()) {
                flush(assignments, statements);
                statements.add("SET " + variable.assignment());
            } else {
                assignments.add(variable.assignment());
            }
        }
        flush(assignments, statements);
        return statements;
    }

    private static void flush(List<String> assignments, List<String> statements) {
        if (!assignments.isEmpty()) {
            statements.add("SET " + String.join(", ", assignments));
            assignments.clear();
        }
    }

    private static void runStatements(PhysicalConnection connection, List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return;
        }
        try (Statement statement = connection.server().createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    /** The session cannot be brought to the wanted state; another physical session may be. */
    public static final class CannotRestoreException extends SQLException {
        private static final long serialVersionUID = 1L;

        CannotRestoreException(String reason) {
            super(reason);
        }
    }
}
