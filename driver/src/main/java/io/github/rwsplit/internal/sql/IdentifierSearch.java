package io.github.rwsplit.internal.sql;

import java.util.Set;

/**
 * Looks for identifiers in SQL text, skipping quotes and comments but reading executable comments as code. Where
 * the text reads differently under another {@link Reading}, every reading is searched; where servers disagree on
 * it ({@link SqlLexer#ambiguous()}), the answer is yes.
 */
final class IdentifierSearch {
    private IdentifierSearch() {
    }

    static boolean mentions(String sql, Set<String> lowerCaseNames) {
        if (sql == null || lowerCaseNames == null || lowerCaseNames.isEmpty()) {
            return false;
        }
        try {
            SqlLexer lexer = new SqlLexer();
            lexer.reset(sql, Reading.USUAL, null);
            if (search(lexer, lowerCaseNames) || lexer.ambiguous()) {
                return true;
            }
            if (!lexer.readingMatters()) {
                return false;
            }
            for (Reading reading : Reading.ALTERNATIVES) {
                lexer.reset(sql, reading, null);
                if (search(lexer, lowerCaseNames)) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException | Error e) {
            return true;
        }
    }

    private static boolean search(SqlLexer lexer, Set<String> names) {
        String sql = lexer.sql();
        for (int type = lexer.next(); type != SqlLexer.END; type = lexer.next()) {
            if (type == SqlLexer.WORD) {
                if (matches(sql, lexer.start, lexer.end, names)) {
                    return true;
                }
            } else if (type == SqlLexer.QUOTED_IDENTIFIER
                    || (type == SqlLexer.STRING && sql.charAt(lexer.start) == '"')) {
                String name = SqlLexer.unquote(sql, lexer.start, lexer.end);
                if (matches(name, 0, name.length(), names)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String text, int start, int end, Set<String> names) {
        int length = end - start;
        for (String name : names) {
            if (name.length() == length && text.regionMatches(true, start, name, 0, length)) {
                return true;
            }
        }
        return false;
    }
}
