package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.session.SessionSnapshot;
import io.github.rwsplit.internal.session.SessionVariable;
import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.SetItem;
import io.github.rwsplit.internal.sql.StatementKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Statements that change the logical session rather than data (docs/routing.md, "Session state"): SET of session variables and character
 * sets, USE, autocommit and transaction characteristics. They become part of the session that every physical connection
 * of this logical connection gets, after one server has accepted them. What only the primary's own session can hold
 * (user variables, GLOBAL settings, roles, passwords) runs there as an ordinary statement.
 */
public final class SessionCommands {
    private SessionCommands() {
    }

    /**
     * Answers {@code classification} locally when it is a session command.
     *
     * @param serverPart runs the part of a SET that must go to a server as an ordinary statement
     * @return true when the statement is done; false when it must run as an ordinary statement
     */
    public static boolean run(RoutingSession session, Classification classification, ServerPart serverPart)
            throws SQLException {
        return switch (classification.kind()) {
            case USE -> {
                session.changeSession(session.session().withCatalog(classification.database()));
                yield true;
            }
            case SET -> set(session, classification.setItems(), serverPart);
            case COMMIT, ROLLBACK -> endWithoutTransaction(session, classification);
            default -> false;
        };
    }

    /**
     * Runs the part of a SET statement that must go to a server, as SQL. A logical statement is one itself, so that
     * executing an ordinary statement creates no callback for the SET it is not.
     */
    @FunctionalInterface
    public interface ServerPart {
        void runOnServer(String sql) throws SQLException;
    }

    private static boolean endWithoutTransaction(RoutingSession session, Classification classification)
            throws SQLException {
        if (session.inTransaction()) {
            return false;
        }
        if (session.lostTransaction() != null && classification.kind() == StatementKind.COMMIT) {
            session.commit();
        }
        session.clearLostTransaction();
        return true;
    }

    private static boolean set(RoutingSession session, List<SetItem> items, ServerPart serverPart)
            throws SQLException {
        List<String> onServer = new ArrayList<>();
        SessionSnapshot next = session.session();
        Boolean autoCommit = null;
        Boolean readOnly = null;
        for (SetItem item : items) {
            switch (item.scope()) {
                case AUTOCOMMIT -> autoCommit = autoCommitValue(item.sql());
                case SESSION -> next = isDefault(item.sql()) ? next.without(item.name())
                        : next.with(SessionVariable.system(item.name(), item.sql()));
                case NAMES, CHARACTER_SET -> next = next.with(SessionVariable.characterSet(item.sql()));
                case SESSION_TRANSACTION -> {
                    String text = item.sql().toUpperCase(Locale.ROOT);
                    int level = isolationLevel(text);
                    if (level != SessionSnapshot.DEFAULT_ISOLATION) {
                        next = next.withIsolation(level);
                    }
                    if (text.contains("READ ONLY")) {
                        readOnly = true;
                    } else if (text.contains("READ WRITE")) {
                        readOnly = false;
                    }
                }
                case TRANSACTION -> {
                    if (session.inTransaction()) {
                        onServer.add(item.sql());
                    } else {
                        session.nextTransactionCharacteristics(item.sql());
                    }
                }
                default -> onServer.add(item.sql());
            }
        }
        if (onServer.size() == items.size()) {
            return false;
        }
        if (!onServer.isEmpty()) {
            serverPart.runOnServer("SET " + String.join(", ", onServer));
        }
        session.changeSession(next);
        if (readOnly != null) {
            session.readOnly(readOnly);
        }
        if (autoCommit != null) {
            session.autoCommit(autoCommit);
        }
        return true;
    }

    private static String value(String assignment) {
        int equals = assignment.indexOf('=');
        return equals < 0 ? assignment.trim() : assignment.substring(equals + 1).trim();
    }

    private static boolean isDefault(String assignment) {
        return value(assignment).equalsIgnoreCase("DEFAULT");
    }

    private static boolean autoCommitValue(String assignment) throws SQLException {
        String value = value(assignment);
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "1", "ON", "TRUE", "DEFAULT", "'ON'", "'1'" -> true;
            case "0", "OFF", "FALSE", "'OFF'", "'0'" -> false;
            default -> throw new SQLSyntaxErrorException(
                    "Variable 'autocommit' can't be set to the value of '" + value + "'", "42000", 1231);
        };
    }

    private static int isolationLevel(String text) {
        if (text.contains("READ UNCOMMITTED")) {
            return Connection.TRANSACTION_READ_UNCOMMITTED;
        }
        if (text.contains("READ COMMITTED")) {
            return Connection.TRANSACTION_READ_COMMITTED;
        }
        if (text.contains("REPEATABLE READ")) {
            return Connection.TRANSACTION_REPEATABLE_READ;
        }
        if (text.contains("SERIALIZABLE")) {
            return Connection.TRANSACTION_SERIALIZABLE;
        }
        return SessionSnapshot.DEFAULT_ISOLATION;
    }
}
