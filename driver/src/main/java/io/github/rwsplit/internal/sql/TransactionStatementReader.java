package io.github.rwsplit.internal.sql;

/** Reads the statements that start and end transactions. */
final class TransactionStatementReader {
    private final StatementScanner scanner;
    private final SqlLexer lexer;

    TransactionStatementReader(StatementScanner scanner) {
        this.scanner = scanner;
        this.lexer = scanner.lexer();
    }

    /** BEGIN [WORK]; anything else after BEGIN is a compound statement. */
    void begin() {
        scanner.advance();
        if (lexer.keyword() == Keyword.WORK) {
            scanner.advance();
        }
        if (scanner.atEnd()) {
            scanner.decide(Target.WRITE, StatementKind.BEGIN, Classification.IMPLICIT_COMMIT);
        } else {
            // BEGIN NOT ATOMIC ... END and other compound statements.
            scanner.decide(Target.WRITE, StatementKind.OTHER, 0);
        }
    }

    /** START TRANSACTION [characteristics], or replication control such as START REPLICA. */
    void start() {
        scanner.advance();
        if (lexer.keyword() != Keyword.TRANSACTION) {
            // START SLAVE / REPLICA / GROUP_REPLICATION: replication control commits implicitly.
            scanner.decide(Target.WRITE, StatementKind.OTHER, Classification.IMPLICIT_COMMIT);
            return;
        }
        scanner.advance();
        boolean readOnly = false;
        boolean readWrite = false;
        Keyword previous = null;
        while (!scanner.atEnd()) {
            Keyword current = lexer.keyword();
            if (previous == Keyword.READ) {
                readOnly |= current == Keyword.ONLY;
                readWrite |= current == Keyword.WRITE;
            }
            previous = current;
            scanner.advance();
        }
        scanner.decide(Target.WRITE, readOnly && !readWrite ? StatementKind.BEGIN_READ_ONLY : StatementKind.BEGIN,
                Classification.IMPLICIT_COMMIT);
    }

    /** COMMIT or ROLLBACK, with AND [NO] CHAIN, [NO] RELEASE, or ROLLBACK ... TO [SAVEPOINT] name. */
    void end(Keyword verb) {
        scanner.advance();
        boolean chain = false;
        boolean toSavepoint = false;
        Keyword previous = null;
        while (!scanner.atEnd()) {
            Keyword current = lexer.keyword();
            chain |= current == Keyword.CHAIN && previous == Keyword.AND;
            toSavepoint |= current == Keyword.TO;
            previous = current;
            scanner.advance();
        }
        if (verb == Keyword.ROLLBACK && toSavepoint) {
            scanner.decide(Target.WRITE, StatementKind.ROLLBACK_TO_SAVEPOINT, 0);
        } else {
            scanner.decide(Target.WRITE, verb == Keyword.COMMIT ? StatementKind.COMMIT : StatementKind.ROLLBACK,
                    chain ? Classification.CHAIN : 0);
        }
    }
}
