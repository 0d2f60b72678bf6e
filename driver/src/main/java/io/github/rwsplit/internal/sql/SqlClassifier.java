package io.github.rwsplit.internal.sql;

import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where a SQL string may run (see {@link Target}) and what it does to the session, fast enough to sit in
 * front of every statement.
 *
 * <p>A hand-written lexical scan decides: it knows MySQL and MariaDB comments (including executable
 * {@code /*!...*}{@code /} comments, whose content it reads as code), quoting, user and system variables, JDBC
 * escapes, and the first keywords of every statement it routes. Reads go to a replica unless a token sequence ties
 * them to the primary ({@code FOR UPDATE}, {@code INTO}, {@code LAST_INSERT_ID()}, {@code @x}, ...); anything that
 * is not clearly a read is a write, and so is a query that advances or sets a sequence ({@code NEXTVAL(s)},
 * {@code NEXT VALUE FOR s}, {@code SETVAL(s, n)}), as the server writes the sequence for it. Only statements whose
 * first word (after opening parentheses) the scan does not know reach JSqlParser, for example Teradata's
 * {@code SEL}, stored-program fragments such as {@code END} or {@code DECLARE}, or plain garbage, and only when the
 * scan found nothing in them that keeps them on the primary (and the string is not a write for another reason); they
 * are reads only when JSqlParser finds nothing but SELECTs. Results are cached by SQL text.
 *
 * <p>A stored function can change data or depend on the session, and the classifier cannot see that: a SELECT
 * calling one is a replica read. Send such statements to the primary with a hint: {@code /*rwsplit:primary*}{@code /}.
 *
 * <p>Thread-safe. {@link #classify} never throws; when unsure, the answer is {@link Target#WRITE}.
 */
public final class SqlClassifier {
    private static final Logger log = LoggerFactory.getLogger(SqlClassifier.class);

    /**
     * How many characters of SQL text the cache holds at most unless told otherwise, all entries together: about
     * 2 MB of strings, whatever literals the application builds into its SQL.
     */
    public static final int DEFAULT_CACHE_CHARACTERS = 1 << 20;

    private final ClassificationCache cache;
    private final RecentTexts recent;
    private final FallbackParser parser;
    private final HintReader hintReader = new HintReader(new UnknownHintLog());
    private final ThreadLocal<ScriptScanner> scanners;
    private final LongAdder internalErrors = new LongAdder();

    /**
     * A classifier whose cache holds at most {@link #DEFAULT_CACHE_CHARACTERS} characters of SQL text.
     *
     * @param cacheCapacity how many classifications to remember by SQL text; 0 (or 1) remembers none
     * @throws IllegalArgumentException when the capacity is negative
     */
    public SqlClassifier(int cacheCapacity) {
        this(cacheCapacity, DEFAULT_CACHE_CHARACTERS);
    }

    /**
     * @param cacheCapacity   how many classifications to remember by SQL text; 0 (or 1) remembers none
     * @param cacheCharacters how many characters of SQL text the remembered classifications may have together;
     *                        0 (or 1) remembers none. A text longer than half of this, or than 16K characters, is
     *                        never remembered.
     * @throws IllegalArgumentException when the capacity or the character budget is negative
     */
    public SqlClassifier(int cacheCapacity, int cacheCharacters) {
        this(cacheCapacity, cacheCharacters, new FallbackParser());
    }

    /**
     * A classifier whose parser fallback has its own time limit: tests that check what the parser decides give it
     * one no loaded machine reaches, so that their verdicts do not depend on the machine's speed.
     */
    SqlClassifier(int cacheCapacity, int cacheCharacters, FallbackParser parser) {
        this.cache = new ClassificationCache(cacheCapacity, cacheCharacters);
        this.recent = new RecentTexts(cacheCapacity);
        this.parser = parser;
        this.scanners = ThreadLocal.withInitial(() -> new ScriptScanner(hintReader, parser));
    }

    /**
     * Classifies {@code sql}, which may hold several statements. Never throws, whatever the input: null, empty,
     * huge, binary, unterminated quotes or comments, deep nesting; what it cannot understand is a write.
     */
    public Classification classify(String sql) {
        if (sql == null) {
            return Classification.NOT_UNDERSTOOD;
        }
        Classification cached = cache.get(sql);
        if (cached != null) {
            return cached;
        }
        Classification result = analyze(sql);
        if (recent.cameBefore(sql)) {
            cache.put(sql, result);
        }
        return result;
    }

    /**
     * True when, outside quotes and comments, {@code sql} has an identifier (unquoted, {@code `backticked`} or
     * {@code "double quoted"}, any part of a qualified name) equal, ignoring case, to one of
     * {@code lowerCaseNames}. Used to keep reads of a session's temporary tables on the primary, so it errs
     * towards true: when unsure it answers true. Never throws.
     */
    public static boolean mentionsIdentifier(String sql, Set<String> lowerCaseNames) {
        return IdentifierSearch.mentions(sql, lowerCaseNames);
    }

    /** How many statements the scan could not place and handed to JSqlParser. */
    public long parserCalls() {
        return parser.calls();
    }

    /** How many of those JSqlParser could not parse (or was not given, being too long or nested too deeply), plus
     *  statements the classifier failed on internally. */
    public long parseFailures() {
        return parser.failures() + internalErrors.sum();
    }

    /** How many texts the cache holds now. */
    int cachedTexts() {
        return cache.size();
    }

    /** How many statements the classifier failed on internally: a bug, answered with {@link Target#WRITE}. */
    long internalErrors() {
        return internalErrors.sum();
    }

    private Classification analyze(String sql) {
        ScriptScanner scanner = scanners.get();
        if (scanner.busy()) {
            // Classifying from inside a classification on this thread, e.g. a database log appender called by a
            // warning of ours: the thread's scanner holds the outer statement.
            scanner = new ScriptScanner(hintReader, parser);
        }
        try {
            Classification result = scanner.classify(sql, Reading.USUAL, true);
            if (result.target() != Target.WRITE && scanner.readingMatters()) {
                // The server's sql_mode or version could make other tokens of this text: be safe for all of them.
                for (Reading reading : Reading.ALTERNATIVES) {
                    result = stricter(result, scanner.classify(sql, reading, false));
                }
            }
            return result;
        } catch (RuntimeException | Error e) {
            internalErrors.increment();
            log.warn("Could not classify a statement of {} characters; routing it to the primary", sql.length(), e);
            return Classification.NOT_UNDERSTOOD;
        } finally {
            scanner.release();
        }
    }

    private static Classification stricter(Classification usual, Classification alternative) {
        if (alternative.target().compareTo(usual.target()) > 0) {
            return alternative;
        }
        int effects = usual.effects() | alternative.effects();
        if (effects == usual.effects()) {
            return usual;
        }
        return new Classification(usual.target(), usual.kind(), effects, usual.hints(), usual.setItems(),
                usual.database(), usual.createdTemporaryTables(), usual.droppedTables(), usual.decidedByParser());
    }
}
