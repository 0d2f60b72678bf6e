package io.github.rwsplit.internal.sql;

import java.util.List;

/**
 * Classifies the statements of a SQL string one at a time, from the tokens of a {@link SqlLexer}: the first
 * keywords decide the kind, a {@link MarkerDetector} watching every token decides whether a read must stay on the
 * primary, and a few statements get their details read (SET items, USE database, temporary table names).
 *
 * <p>A statement whose first word (after any opening parentheses) is not one the scan knows is left undecided:
 * {@link #needsParser()} is then true and the verdict is a write until someone knows better.
 */
final class StatementScanner {
    private static final int NOT_A_READ = 0;
    private static final int SELECT = 1;
    private static final int WITH = 2;
    private static final int ANALYZED = 3;

    private final SqlLexer lexer;
    private final MarkerDetector markers = new MarkerDetector();
    private final ReturningDetector returning = new ReturningDetector();
    private final TableStatementReader tableStatements;
    private final TransactionStatementReader transactionStatements;

    private int depth;
    private int maxDepth;
    private int parentheses;
    private int pendingRead;
    private Target target;
    private StatementKind kind;
    private int effects;
    private boolean needsParser;
    private int statementStart;
    private int statementEnd;
    private List<SetItem> setItems;
    private String database;
    private List<String> createdTemporaryTables;
    private List<String> droppedTables;

    StatementScanner(SqlLexer lexer) {
        this.lexer = lexer;
        this.tableStatements = new TableStatementReader(this);
        this.transactionStatements = new TransactionStatementReader(this);
    }

    /** Positions on the first token of the lexer's text; call after resetting the lexer. */
    void begin() {
        lexer.next();
    }

    /**
     * Reads the next statement, up to a {@code ;} outside quotes and comments or the end of the text. Returns false
     * when nothing but empty statements remained.
     */
    boolean next() {
        while (lexer.isSymbol(';')) {
            lexer.next();
        }
        if (lexer.type == SqlLexer.END) {
            return false;
        }
        depth = 0;
        maxDepth = 0;
        parentheses = 0;
        pendingRead = NOT_A_READ;
        target = Target.WRITE;
        kind = StatementKind.OTHER;
        effects = 0;
        needsParser = false;
        setItems = List.of();
        database = null;
        createdTemporaryTables = List.of();
        droppedTables = List.of();
        statementStart = lexer.start;
        markers.reset();
        returning.reset(false);
        onCurrentToken();
        dispatch();
        if (pendingRead != NOT_A_READ) {
            skimRead();
        }
        while (!atEnd()) {
            advance();
        }
        markers.finish();
        effects |= markers.effects() | (returning.found() ? Classification.RETURNS_ROWS : 0);
        settleRead();
        statementEnd = lexer.start;
        return true;
    }

    Target target() {
        return target;
    }

    StatementKind kind() {
        return kind;
    }

    int effects() {
        return effects;
    }

    /** True when the scan could not tell what the statement is. */
    boolean needsParser() {
        return needsParser;
    }

    /** True when the statement has something that would keep a read on the primary. */
    boolean primaryMarker() {
        return markers.primaryMarker();
    }

    /** True when the statement contains a reserved word that only writing statements contain. */
    boolean writeKeyword() {
        return markers.writeKeyword() != null;
    }

    int statementStart() {
        return statementStart;
    }

    int statementEnd() {
        return statementEnd;
    }

    /** The deepest parenthesis nesting of the statement. */
    int maxDepth() {
        return maxDepth;
    }

    /** How many opening parentheses the statement has. */
    int parentheses() {
        return parentheses;
    }

    List<SetItem> setItems() {
        return setItems;
    }

    String database() {
        return database;
    }

    List<String> createdTemporaryTables() {
        return createdTemporaryTables;
    }

    List<String> droppedTables() {
        return droppedTables;
    }

    void createdTemporaryTables(List<String> names) {
        createdTemporaryTables = names;
    }

    void droppedTables(List<String> names) {
        droppedTables = names;
    }

    // Token access for the readers of statement details.

    SqlLexer lexer() {
        return lexer;
    }

    int depth() {
        return depth;
    }

    boolean atEnd() {
        return lexer.type == SqlLexer.END || lexer.isSymbol(';');
    }

    /** Moves to the next token of the statement; stays put at its end. */
    void advance() {
        if (atEnd()) {
            return;
        }
        lexer.next();
        if (!atEnd()) {
            onCurrentToken();
        }
    }

    /**
     * The rest of a read: only what the {@link MarkerDetector} watches, and the parentheses, matter now, so the lexer
     * passes over every other token and one OTHER stands for them.
     */
    private void skimRead() {
        while (!atEnd()) {
            lexer.skim(MarkerDetector.WATCHED_KEYWORDS);
            if (lexer.skipped()) {
                markers.skipped();
            }
            if (!atEnd()) {
                onCurrentToken();
            }
        }
    }

    private void onCurrentToken() {
        if (lexer.type == SqlLexer.SYMBOL) {
            if (lexer.symbol == '(') {
                parentheses++;
                depth++;
                maxDepth = Math.max(maxDepth, depth);
            } else if (lexer.symbol == ')') {
                depth--;
            }
        }
        returning.accept(lexer, depth);
        markers.accept(lexer);
    }

    private void dispatch() {
        while (dispatchOnce()) {
            // SET STATEMENT ... FOR: the statement after FOR is what runs; loop rather than recurse.
        }
    }

    /** Returns true when the tokens read so far were a prefix and the current token starts the real statement. */
    private boolean dispatchOnce() {
        if (lexer.isSymbol('(')) {
            parenthesised();
            return false;
        }
        if (lexer.isSymbol('{')) {
            jdbcEscape();
            return false;
        }
        Keyword first = lexer.keyword();
        if (first == null) {
            notUnderstood();
            return false;
        }
        switch (first) {
            case SELECT:
            case VALUES:
            case TABLE:
                pendingRead = SELECT;
                return false;
            case WITH:
                pendingRead = WITH;
                return false;
            case SHOW:
            case HELP:
                decide(Target.PRIMARY_READ, StatementKind.SHOW, 0);
                return false;
            case DESCRIBE:
            case DESC:
            case EXPLAIN:
                explain();
                return false;
            case ANALYZE:
                analyze();
                return false;
            case INSERT:
            case UPDATE:
            case DELETE:
            case REPLACE:
                decide(Target.WRITE, StatementKind.DML, 0);
                returning.reset(first != Keyword.UPDATE);
                return false;
            case LOAD:
                load();
                return false;
            case CREATE:
                tableStatements.create();
                return false;
            case DROP:
                tableStatements.drop();
                return false;
            case ALTER:
            case RENAME:
            case TRUNCATE:
                decide(Target.WRITE, StatementKind.DDL, Classification.IMPLICIT_COMMIT);
                return false;
            case CALL:
                decide(Target.WRITE, StatementKind.CALL, 0);
                return false;
            case SET:
                return set();
            case USE:
                use();
                return false;
            case BEGIN:
                transactionStatements.begin();
                return false;
            case START:
                transactionStatements.start();
                return false;
            case COMMIT:
            case ROLLBACK:
                transactionStatements.end(first);
                return false;
            case SAVEPOINT:
                decide(Target.WRITE, StatementKind.SAVEPOINT, 0);
                return false;
            case RELEASE:
                advance();
                decide(Target.WRITE,
                        lexer.keyword() == Keyword.SAVEPOINT ? StatementKind.RELEASE_SAVEPOINT : StatementKind.OTHER, 0);
                return false;
            case LOCK:
                advance();
                if (isTableWord()) {
                    decide(Target.WRITE, StatementKind.LOCK_TABLES,
                            Classification.SESSION_BOUND | Classification.IMPLICIT_COMMIT);
                } else {
                    decide(Target.WRITE, StatementKind.OTHER, Classification.SESSION_BOUND);
                }
                return false;
            case UNLOCK:
                advance();
                decide(Target.WRITE, isTableWord() ? StatementKind.UNLOCK_TABLES : StatementKind.OTHER, 0);
                return false;
            case XA:
                decide(Target.WRITE, StatementKind.XA, Classification.SESSION_BOUND);
                return false;
            case HANDLER:
            case PREPARE:
            case EXECUTE:
            case DEALLOCATE:
            case BACKUP:
                decide(Target.WRITE, StatementKind.OTHER, Classification.SESSION_BOUND);
                return false;
            case GRANT:
            case REVOKE:
            case OPTIMIZE:
            case REPAIR:
            case CHECK:
            case CACHE:
            case INSTALL:
            case UNINSTALL:
            case STOP:
            case CHANGE:
                decide(Target.WRITE, StatementKind.OTHER, Classification.IMPLICIT_COMMIT);
                return false;
            case FLUSH:
                flush();
                return false;
            case RESET:
                advance();
                decide(Target.WRITE, StatementKind.OTHER,
                        lexer.keyword() == Keyword.PERSIST ? 0 : Classification.IMPLICIT_COMMIT);
                return false;
            case DO:
            case KILL:
            case PURGE:
            case CHECKSUM:
            case SHUTDOWN:
            case RESTART:
            case CLONE:
            case BINLOG:
            case IMPORT:
            case SIGNAL:
            case RESIGNAL:
            case GET:
                decide(Target.WRITE, StatementKind.OTHER, 0);
                return false;
            default:
                notUnderstood();
                return false;
        }
    }

    /** Settles the statement's target and kind, and adds to its effects. */
    void decide(Target decidedTarget, StatementKind decidedKind, int decidedEffects) {
        target = decidedTarget;
        kind = decidedKind;
        effects |= decidedEffects;
    }

    private void notUnderstood() {
        needsParser = true;
        decide(Target.WRITE, StatementKind.OTHER, 0);
    }

    /** Turns a read's pending verdict into one, now that every token has been seen. */
    private void settleRead() {
        if (pendingRead == NOT_A_READ) {
            return;
        }
        Keyword write = markers.writeKeyword();
        if (write != null) {
            boolean dml = pendingRead == ANALYZED || (pendingRead == WITH && write.role == Keyword.Role.DML_WRITE);
            decide(Target.WRITE, dml ? StatementKind.DML : StatementKind.OTHER, 0);
        } else if (pendingRead == ANALYZED) {
            // ANALYZE runs the statement, so a sequence it advances is written as by the statement itself.
            decide(markers.sequenceWrite() ? Target.WRITE : Target.PRIMARY_READ, StatementKind.SHOW, 0);
        } else if (markers.sequenceWrite()) {
            // Still a query, so executeQuery accepts it; a read-only connection refuses it as the server would.
            decide(Target.WRITE, StatementKind.QUERY, 0);
        } else {
            decide(markers.primaryMarker() ? Target.PRIMARY_READ : Target.REPLICA_READ, StatementKind.QUERY, 0);
        }
    }

    private void parenthesised() {
        while (lexer.isSymbol('(')) {
            advance();
        }
        Keyword first = lexer.keyword();
        if (first == Keyword.SELECT || first == Keyword.VALUES || first == Keyword.TABLE) {
            pendingRead = SELECT;
        } else if (first == Keyword.WITH) {
            pendingRead = WITH;
        } else if (first != null) {
            decide(Target.WRITE, StatementKind.OTHER, 0);
        } else {
            notUnderstood();
        }
    }

    /** {@code {call p(?)}} and {@code {? = call f(?)}}. */
    private void jdbcEscape() {
        advance();
        if (lexer.isSymbol('?')) {
            advance();
            if (!lexer.isSymbol('=')) {
                notUnderstood();
                return;
            }
            advance();
        }
        if (lexer.keyword() == Keyword.CALL) {
            decide(Target.WRITE, StatementKind.CALL, 0);
        } else {
            notUnderstood();
        }
    }

    private void explain() {
        advance();
        if (lexer.keyword() == Keyword.ANALYZE) {
            advance();
            analyzedStatement();
        } else {
            decide(Target.PRIMARY_READ, StatementKind.SHOW, 0);
        }
    }

    /** MySQL's ANALYZE TABLE, or MariaDB's ANALYZE [FORMAT=...] statement, which runs the statement. */
    private void analyze() {
        advance();
        Keyword next = lexer.keyword();
        if (next == Keyword.TABLE || next == Keyword.TABLES || next == Keyword.NO_WRITE_TO_BINLOG
                || next == Keyword.LOCAL) {
            decide(Target.WRITE, StatementKind.OTHER, Classification.IMPLICIT_COMMIT);
        } else {
            analyzedStatement();
        }
    }

    /** The statement that EXPLAIN ANALYZE or ANALYZE executes: a read stays a read, anything else writes. */
    private void analyzedStatement() {
        while (lexer.keyword() == Keyword.FORMAT) {
            advance();
            if (lexer.isSymbol('=')) {
                advance();
            }
            advance();
        }
        while (lexer.isSymbol('(')) {
            advance();
        }
        Keyword first = lexer.keyword();
        if (first == Keyword.SELECT || first == Keyword.VALUES || first == Keyword.TABLE
                || first == Keyword.WITH) {
            pendingRead = ANALYZED;
        } else if (first != null && first.role == Keyword.Role.DML_WRITE) {
            decide(Target.WRITE, StatementKind.DML, 0);
        } else {
            decide(Target.WRITE, StatementKind.OTHER, 0);
        }
    }

    private void load() {
        advance();
        Keyword next = lexer.keyword();
        if (next == Keyword.DATA || next == Keyword.XML) {
            decide(Target.WRITE, StatementKind.DML, 0);
        } else if (next == Keyword.INDEX) {
            decide(Target.WRITE, StatementKind.OTHER, Classification.IMPLICIT_COMMIT);
        } else {
            decide(Target.WRITE, StatementKind.OTHER, 0);
        }
    }

    /** True when the current token is TABLE or TABLES. */
    boolean isTableWord() {
        return lexer.keyword() == Keyword.TABLE || lexer.keyword() == Keyword.TABLES;
    }

    private boolean set() {
        advance();
        if (lexer.keyword() == Keyword.STATEMENT) {
            // MariaDB: SET STATEMENT var=value [, ...] FOR statement.
            int base = depth;
            advance();
            while (!atEnd()) {
                if (lexer.keyword() == Keyword.FOR && depth == base) {
                    advance();
                    return !atEnd();
                }
                advance();
            }
            decide(Target.WRITE, StatementKind.OTHER, 0);
            return false;
        }
        SetStatementReader reader = new SetStatementReader(this);
        setItems = reader.read();
        decide(Target.WRITE, StatementKind.SET, reader.effects());
        return false;
    }

    private void use() {
        advance();
        String name = lexer.identifier();
        if (name == null && lexer.type == SqlLexer.STRING) {
            name = SqlLexer.unquote(lexer.sql(), lexer.start, lexer.end);
        }
        if (name == null) {
            decide(Target.WRITE, StatementKind.OTHER, 0);
            return;
        }
        database = name;
        decide(Target.WRITE, StatementKind.USE, 0);
    }

    private void flush() {
        advance();
        int flushEffects = Classification.IMPLICIT_COMMIT;
        while (!atEnd()) {
            Keyword current = lexer.keyword();
            if (current == Keyword.LOCK || current == Keyword.EXPORT) {
                // FLUSH TABLES ... WITH READ LOCK / FOR EXPORT: the session holds the locks.
                flushEffects |= Classification.SESSION_BOUND;
            }
            advance();
        }
        decide(Target.WRITE, StatementKind.OTHER, flushEffects);
    }
}
