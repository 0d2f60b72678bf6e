package io.github.rwsplit.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the assignments of a SET statement, from the token after SET to the end of the statement, splitting at
 * commas outside parentheses.
 *
 * <p>MySQL applies the most recent GLOBAL, PERSIST, PERSIST_ONLY, SESSION or LOCAL keyword of a statement to the
 * following plain variable names that have none ({@code SET GLOBAL a=1, b=2} sets two globals), so such an
 * item's text repeats the keyword. {@code @@x} without a scope is the session variable whatever came before.
 */
final class SetStatementReader {
    private final StatementScanner scanner;
    private final SqlLexer lexer;
    private final StringBuilder text = new StringBuilder();
    private int lastEnd;
    private Keyword stickyModifier;
    private int effects;

    SetStatementReader(StatementScanner scanner) {
        this.scanner = scanner;
        this.lexer = scanner.lexer();
    }

    /** {@link Classification#SESSION_BOUND} and {@link Classification#IMPLICIT_COMMIT} as the items imply. */
    int effects() {
        return effects;
    }

    List<SetItem> read() {
        text.setLength(0);
        Keyword first = lexer.keyword();
        if (first == Keyword.PASSWORD || first == Keyword.DEFAULT) {
            SetItem item = new SetItem(SetScope.OTHER, "", restOfStatement());
            // They change accounts, which commits; the '@' of 'user'@'host' is no user variable.
            effects = Classification.IMPLICIT_COMMIT;
            return List.of(item);
        }
        if (first == Keyword.ROLE || first == Keyword.RESOURCE) {
            SetItem item = new SetItem(SetScope.OTHER, "", restOfStatement());
            // SET ROLE and SET RESOURCE GROUP change the current session only.
            effects = Classification.SESSION_BOUND;
            return List.of(item);
        }
        if (first == Keyword.TRANSACTION) {
            return List.of(new SetItem(SetScope.TRANSACTION, "", restOfStatement()));
        }
        List<SetItem> items = new ArrayList<>();
        int base = scanner.depth();
        while (!scanner.atEnd()) {
            items.add(item(items.isEmpty(), base));
            if (lexer.isSymbol(',')) {
                scanner.advance();
            }
        }
        return List.copyOf(items);
    }

    private SetItem item(boolean first, int base) {
        text.setLength(0);
        Keyword modifier = null;
        if (isModifier(lexer.keyword())) {
            modifier = lexer.keyword();
            stickyModifier = modifier;
            take();
            if (first && lexer.keyword() == Keyword.TRANSACTION) {
                SetScope scope = modifier == Keyword.SESSION || modifier == Keyword.LOCAL
                        ? SetScope.SESSION_TRANSACTION : SetScope.GLOBAL;
                return new SetItem(scope, "", restOfStatement());
            }
        }
        SetScope scope;
        String name = "";
        boolean inheritsModifier = false;
        Keyword keyword = lexer.keyword();
        if (lexer.type == SqlLexer.USER_VARIABLE) {
            scope = SetScope.USER;
            name = userVariableName();
            take();
        } else if (lexer.type == SqlLexer.SYSTEM_VARIABLE) {
            String qualified = lexer.sql().substring(lexer.start + 2, lexer.end).replace("`", "")
                    .toLowerCase(Locale.ROOT);
            int dot = qualified.indexOf('.');
            String prefix = dot < 0 ? "" : qualified.substring(0, dot);
            boolean global = prefix.equals("global") || prefix.equals("persist") || prefix.equals("persist_only");
            boolean scoped = global || prefix.equals("session") || prefix.equals("local");
            name = scoped ? qualified.substring(dot + 1) : qualified;
            scope = global ? SetScope.GLOBAL : SetScope.SESSION;
            take();
        } else if (keyword == Keyword.NAMES) {
            scope = SetScope.NAMES;
        } else if (keyword == Keyword.CHARACTER || keyword == Keyword.CHARSET) {
            scope = SetScope.CHARACTER_SET;
        } else if (lexer.type == SqlLexer.WORD || lexer.type == SqlLexer.QUOTED_IDENTIFIER) {
            name = variableName();
            Keyword scopeWord = modifier != null ? modifier : stickyModifier;
            boolean global = scopeWord == Keyword.GLOBAL || scopeWord == Keyword.PERSIST
                    || scopeWord == Keyword.PERSIST_ONLY;
            scope = global ? SetScope.GLOBAL : SetScope.SESSION;
            inheritsModifier = modifier == null && stickyModifier != null;
        } else {
            scope = SetScope.OTHER;
        }
        if (scope == SetScope.SESSION && name.equals("autocommit")) {
            scope = SetScope.AUTOCOMMIT;
        }
        while (!scanner.atEnd() && !(lexer.isSymbol(',') && scanner.depth() == base)) {
            take();
        }
        String sql = inheritsModifier ? stickyModifier.name() + " " + text : text.toString();
        return new SetItem(scope, scope == SetScope.NAMES || scope == SetScope.CHARACTER_SET
                || scope == SetScope.OTHER ? "" : name, sql);
    }

    private static boolean isModifier(Keyword keyword) {
        return keyword == Keyword.GLOBAL || keyword == Keyword.SESSION || keyword == Keyword.LOCAL
                || keyword == Keyword.PERSIST || keyword == Keyword.PERSIST_ONLY;
    }

    /** Reads {@code name} or {@code structured.name} (MariaDB key caches) and returns it in lower case. */
    private String variableName() {
        StringBuilder name = new StringBuilder(lexer.identifier());
        take();
        while (lexer.isSymbol('.')) {
            take();
            String part = lexer.identifier();
            if (part == null) {
                break;
            }
            name.append('.').append(part);
            take();
        }
        return name.toString().toLowerCase(Locale.ROOT);
    }

    private String userVariableName() {
        String sql = lexer.sql();
        int nameStart = lexer.start + 1;
        if (nameStart < lexer.end) {
            char c = sql.charAt(nameStart);
            if (c == '\'' || c == '"' || c == '`') {
                return SqlLexer.unquote(sql, nameStart, lexer.end).toLowerCase(Locale.ROOT);
            }
        }
        return sql.substring(nameStart, lexer.end).toLowerCase(Locale.ROOT);
    }

    /** Appends the remaining tokens of the statement to the item text and returns the text. */
    private String restOfStatement() {
        while (!scanner.atEnd()) {
            take();
        }
        return text.toString();
    }

    /** Appends the current token to the item text, one space standing for any whitespace or comment, and moves on. */
    private void take() {
        if (lexer.type == SqlLexer.USER_VARIABLE) {
            // Replaying an item that mentions a user variable needs the session that holds it.
            effects |= Classification.SESSION_BOUND;
        }
        if (text.length() > 0 && lexer.start > lastEnd) {
            text.append(' ');
        }
        text.append(lexer.sql(), lexer.start, lexer.end);
        lastEnd = lexer.end;
        scanner.advance();
    }
}
