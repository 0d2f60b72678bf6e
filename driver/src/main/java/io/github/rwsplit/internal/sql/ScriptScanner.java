package io.github.rwsplit.internal.sql;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a whole SQL string, which may hold several statements separated by {@code ;}: scans each statement,
 * asks the {@link FallbackParser} about those the scan could not place (unless they or the text are writes
 * anyway, or there are too many of them), and combines the verdicts. Several parts that are all reads stay a read (on the primary
 * if any part must be); any other mix is a write of kind {@link StatementKind#MULTI}, bound to its session when a
 * part changes session state.
 *
 * <p>One instance serves one thread at a time and is reused, so that a classification allocates nothing beyond
 * its result, and common results are shared instances. Call {@link #release()} after each classification.
 */
final class ScriptScanner {
    private static final Logger log = LoggerFactory.getLogger(ScriptScanner.class);
    /** Text with more unrecognised statements than this is a write without asking, so that its cost stays bounded. */
    static final int MAX_PARSER_CALLS_PER_TEXT = 2;

    private final SqlLexer lexer = new SqlLexer();
    private final StatementScanner scanner = new StatementScanner(lexer);
    private final HintReader hintReader;
    private final FallbackParser parser;
    private boolean busy;

    ScriptScanner(HintReader hintReader, FallbackParser parser) {
        this.hintReader = hintReader;
        this.parser = parser;
    }

    /** True between the start of a classification and {@link #release()}. */
    boolean busy() {
        return busy;
    }

    /** True when another {@link Reading} of the last text scanned could see other tokens. */
    boolean readingMatters() {
        return lexer.readingMatters();
    }

    /** Forgets the last text, so that a thread's scanner does not keep a large string alive. */
    void release() {
        lexer.reset(null, Reading.USUAL, null);
        busy = false;
    }

    /**
     * @param reading       how to read strings and conditional comments
     * @param parserAllowed whether statements the scan cannot place go to the parser; if not, they are writes
     */
    Classification classify(String sql, Reading reading, boolean parserAllowed) {
        busy = true;
        lexer.reset(sql, reading, hintReader);
        scanner.begin();
        int parts = 0;
        Target target = Target.REPLICA_READ;
        StatementKind kind = StatementKind.OTHER;
        boolean sameKind = true;
        boolean sessionState = false;
        int effects = 0;
        boolean parserUsed = false;
        int parserCalls = 0;
        List<SetItem> setItems = List.of();
        String database = null;
        List<String> created = null;
        List<String> dropped = null;
        while (scanner.next()) {
            Target partTarget = scanner.target();
            StatementKind partKind = scanner.kind();
            // The parser can only turn a statement into a replica read, which a primary marker or write keyword
            // of the scan, or another part that writes, rules out anyway.
            if (scanner.needsParser() && parserAllowed && target != Target.WRITE && !scanner.primaryMarker()
                    && !scanner.writeKeyword() && parserCalls < MAX_PARSER_CALLS_PER_TEXT) {
                parserCalls++;
                parserUsed = true;
                if (parsesAsReads(sql)) {
                    partTarget = Target.REPLICA_READ;
                    partKind = StatementKind.QUERY;
                }
            }
            parts++;
            if (parts == 1) {
                kind = partKind;
                setItems = scanner.setItems();
                database = scanner.database();
            } else {
                sameKind &= partKind == kind;
            }
            if (partTarget.compareTo(target) > 0) {
                target = partTarget;
            }
            effects |= scanner.effects();
            sessionState |= changesSessionState(partKind);
            created = collect(created, scanner.createdTemporaryTables());
            dropped = collect(dropped, scanner.droppedTables());
        }
        Hints hints = lexer.hints();
        if (parts == 0) {
            return build(Target.WRITE, StatementKind.OTHER, 0, hints, List.of(), null, List.of(), List.of(), false);
        }
        if (parts > 1) {
            setItems = List.of();
            database = null;
            // CHAIN and RETURNS_ROWS describe one statement, not a string of several.
            effects &= ~(Classification.CHAIN | Classification.RETURNS_ROWS);
            if (target == Target.WRITE) {
                kind = StatementKind.MULTI;
                effects |= sessionState ? Classification.SESSION_BOUND : 0;
            } else if (!sameKind) {
                kind = StatementKind.QUERY;
            }
        }
        if (lexer.ambiguous() && target != Target.WRITE) {
            target = Target.WRITE;
            kind = parts > 1 ? StatementKind.MULTI : StatementKind.OTHER;
        }
        return build(target, kind, effects, hints, setItems, database, listed(created), listed(dropped), parserUsed);
    }

    private boolean parsesAsReads(String sql) {
        String statement = sql.substring(scanner.statementStart(), scanner.statementEnd());
        FallbackParser.Outcome outcome = parser.parse(statement, scanner.parentheses(), scanner.maxDepth());
        boolean reads = outcome == FallbackParser.Outcome.ONLY_SELECTS;
        log.debug("Statement of {} characters not recognised by the scan; JSqlParser: {}, routed as {}",
                statement.length(), outcome, reads ? "a read" : "a write");
        return reads;
    }

    private static boolean changesSessionState(StatementKind kind) {
        switch (kind) {
            case SET:
            case USE:
            case BEGIN:
            case BEGIN_READ_ONLY:
            case COMMIT:
            case ROLLBACK:
            case SAVEPOINT:
            case ROLLBACK_TO_SAVEPOINT:
            case RELEASE_SAVEPOINT:
            case LOCK_TABLES:
            case UNLOCK_TABLES:
            case XA:
                return true;
            default:
                return false;
        }
    }

    /** Adds {@code more} to {@code soFar}, creating the list only when there is something to add. */
    private static List<String> collect(List<String> soFar, List<String> more) {
        if (more.isEmpty()) {
            return soFar;
        }
        List<String> all = soFar == null ? new ArrayList<>() : soFar;
        all.addAll(more);
        return all;
    }

    private static List<String> listed(List<String> collected) {
        return collected == null ? List.of() : List.copyOf(collected);
    }

    private static Classification build(Target target, StatementKind kind, int effects, Hints hints,
                                        List<SetItem> setItems, String database, List<String> created,
                                        List<String> dropped, boolean parserUsed) {
        if (hints == Hints.NONE && setItems.isEmpty() && database == null && created.isEmpty() && dropped.isEmpty()) {
            return Classification.of(target, kind, effects, parserUsed);
        }
        return new Classification(target, kind, effects, hints, setItems, database, created, dropped, parserUsed);
    }
}
