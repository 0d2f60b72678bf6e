package io.github.rwsplit.internal.sql;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Asks JSqlParser whether a statement the scan did not recognise is only reads.
 *
 * <p>It uses the parser's multi-statement entry point on the calling thread: the single-statement parse drops
 * whatever follows a first statement, and {@code CCJSqlParserUtil.parse(String)} starts an executor per call.
 * JSqlParser's time grows with every parenthesised group and steeply with their depth, above all on syntax errors:
 * measured on JSqlParser 5.3, {@code SEL (((1 GRANT )))} takes 46 seconds, 1 KB of valid groups nested four deep
 * half a second. So text longer than {@link #MAX_LENGTH}, with more than {@link #MAX_PARENTHESES} opening
 * parentheses or nested deeper than {@link #MAX_DEPTH} is not handed to it, and a parse that runs longer than
 * {@link #TIME_LIMIT_MILLIS} is stopped through the parser's own interruption flag, set by a watchdog thread that
 * exists only while parses are under way. Both count as failures.
 */
final class FallbackParser {
    /** What JSqlParser made of a statement. */
    enum Outcome { ONLY_SELECTS, NOT_ONLY_SELECTS, FAILED }

    static final int MAX_LENGTH = 4 * 1024;
    static final int MAX_PARENTHESES = 16;
    static final int MAX_DEPTH = 3;
    /** JSqlParser parses a valid statement of this size in well under a millisecond; beyond this it is lost. */
    static final long TIME_LIMIT_MILLIS = 50;

    private final long timeLimitMillis;
    private final LongAdder calls = new LongAdder();

    FallbackParser() {
        this(TIME_LIMIT_MILLIS);
    }

    /** @param timeLimitMillis how long one parse may take before its answer is "not understood" */
    FallbackParser(long timeLimitMillis) {
        this.timeLimitMillis = timeLimitMillis;
    }
    private final LongAdder failures = new LongAdder();

    long calls() {
        return calls.sum();
    }

    long failures() {
        return failures.sum();
    }

    /** Parses {@code sql}, a statement with {@code parentheses} opening parentheses nested {@code maxDepth} deep. */
    Outcome parse(String sql, int parentheses, int maxDepth) {
        calls.increment();
        Outcome outcome = attempt(sql, parentheses, maxDepth);
        if (outcome == Outcome.FAILED) {
            failures.increment();
        }
        return outcome;
    }

    private Outcome attempt(String sql, int parentheses, int maxDepth) {
        if (sql.length() > MAX_LENGTH || parentheses > MAX_PARENTHESES || maxDepth > MAX_DEPTH) {
            return Outcome.FAILED;
        }
        ScheduledFuture<?> watchdog = null;
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql).withBackslashEscapeCharacter(true);
            watchdog = Watchdog.EXECUTOR.schedule(() -> {
                parser.interrupted = true;
            }, timeLimitMillis, TimeUnit.MILLISECONDS);
            Statements statements = parser.Statements();
            if (parser.interrupted || statements.isEmpty()) {
                return Outcome.FAILED;
            }
            for (Statement statement : statements) {
                if (!(statement instanceof Select)) {
                    return Outcome.NOT_ONLY_SELECTS;
                }
            }
            return Outcome.ONLY_SELECTS;
        } catch (Throwable e) {
            // Parse errors, TokenMgrException, interruption, StackOverflowError on odd input: all "not understood".
            return Outcome.FAILED;
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
        }
    }

    /** One daemon thread for all classifiers, started on the first parse and gone after a while without any. */
    private static final class Watchdog {
        static final ScheduledThreadPoolExecutor EXECUTOR = create();

        private static ScheduledThreadPoolExecutor create() {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "rwsplit-parse-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            executor.setKeepAliveTime(10, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
            executor.setRemoveOnCancelPolicy(true);
            return executor;
        }
    }
}
