package io.github.rwsplit.internal.session;

import java.util.List;

/**
 * One session setting a logical connection made with SET, as it will be replayed on every physical session it uses.
 *
 * @param key        what a later SET replaces (a variable name, or {@code names} for SET NAMES / CHARACTER SET)
 * @param variables  the server variables the assignment changes; their original values are saved before it is applied
 *                   and restored when a session no longer needs it
 * @param assignment the text after {@code SET} that applies it
 * @param standalone true when the assignment cannot share a SET statement with others (NAMES, CHARACTER SET)
 */
public record SessionVariable(String key, List<String> variables, String assignment, boolean standalone) {

    private static final List<String> CHARSET_VARIABLES = List.of(
            "character_set_client", "character_set_connection", "character_set_results", "collation_connection");

    public SessionVariable {
        variables = List.copyOf(variables);
    }

    /** {@code SET [SESSION] name = value}. */
    public static SessionVariable system(String name, String assignment) {
        return new SessionVariable(name, List.of(name), assignment, false);
    }

    /** {@code SET NAMES …} or {@code SET CHARACTER SET …}: both change the connection's character set variables. */
    public static SessionVariable characterSet(String assignment) {
        return new SessionVariable("names", CHARSET_VARIABLES, assignment, true);
    }
}
