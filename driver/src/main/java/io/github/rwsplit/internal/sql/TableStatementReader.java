package io.github.rwsplit.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads CREATE and DROP statements for what the session needs to know: whether they commit, and which tables
 * they create as TEMPORARY or drop. CREATE/DROP TEMPORARY TABLE do not commit; the other forms do.
 */
final class TableStatementReader {
    private final StatementScanner scanner;
    private final SqlLexer lexer;

    TableStatementReader(StatementScanner scanner) {
        this.scanner = scanner;
        this.lexer = scanner.lexer();
    }

    void create() {
        scanner.advance();
        if (lexer.keyword() == Keyword.OR) {
            scanner.advance();
            if (lexer.keyword() == Keyword.REPLACE) {
                scanner.advance();
            }
        }
        if (lexer.keyword() != Keyword.TEMPORARY) {
            scanner.decide(Target.WRITE, StatementKind.DDL, Classification.IMPLICIT_COMMIT);
            return;
        }
        scanner.advance();
        if (lexer.keyword() == Keyword.TABLE || lexer.keyword() == Keyword.SEQUENCE) {
            scanner.advance();
            skipIfExistsClause(true);
            String name = qualifiedNameTail();
            if (name != null) {
                scanner.createdTemporaryTables(List.of(name));
            }
        }
        scanner.decide(Target.WRITE, StatementKind.DDL, Classification.SESSION_BOUND);
    }

    void drop() {
        scanner.advance();
        if (lexer.keyword() == Keyword.PREPARE) {
            scanner.decide(Target.WRITE, StatementKind.OTHER, Classification.SESSION_BOUND);
            return;
        }
        boolean temporary = lexer.keyword() == Keyword.TEMPORARY;
        if (temporary) {
            scanner.advance();
        }
        if (scanner.isTableWord()) {
            scanner.advance();
            skipIfExistsClause(false);
            List<String> names = new ArrayList<>();
            for (String name = qualifiedNameTail(); name != null; name = qualifiedNameTail()) {
                names.add(name);
                if (!lexer.isSymbol(',')) {
                    break;
                }
                scanner.advance();
            }
            scanner.droppedTables(List.copyOf(names));
        }
        scanner.decide(Target.WRITE, StatementKind.DDL, temporary ? 0 : Classification.IMPLICIT_COMMIT);
    }

    private void skipIfExistsClause(boolean negated) {
        if (lexer.keyword() != Keyword.IF) {
            return;
        }
        scanner.advance();
        if (negated && lexer.keyword() == Keyword.NOT) {
            scanner.advance();
        }
        if (lexer.keyword() == Keyword.EXISTS) {
            scanner.advance();
        }
    }

    /** Reads {@code [db.]name} and returns the last part in lower case, or null when there is no name here. */
    private String qualifiedNameTail() {
        String name = lexer.identifier();
        if (name == null) {
            return null;
        }
        scanner.advance();
        while (lexer.isSymbol('.')) {
            scanner.advance();
            String part = lexer.identifier();
            if (part == null) {
                break;
            }
            name = part;
            scanner.advance();
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
