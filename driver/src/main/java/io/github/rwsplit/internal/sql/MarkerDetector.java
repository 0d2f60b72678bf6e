package io.github.rwsplit.internal.sql;

/**
 * Watches every token of a statement for what keeps it on the primary or binds it to a session, whatever kind of
 * statement it is. It looks at token sequences, never substrings: {@code FOR UPDATE}, {@code FOR SHARE},
 * {@code LOCK IN SHARE MODE}, {@code INTO}, {@code NEXT VALUE FOR}, {@code PREVIOUS VALUE FOR}, {@code s.NEXTVAL},
 * a session function name followed by {@code (}, user variables, {@code SQL_CALC_FOUND_ROWS}, {@code @@identity}.
 * Of the sequence markers, those that advance or set a sequence ({@code NEXT VALUE FOR}, {@code NEXTVAL(},
 * {@code SETVAL(}, {@code s.NEXTVAL}) also make a read a {@link #sequenceWrite() sequence write}.
 * It also notes a reserved word that only writing statements contain ({@code DELETE}, {@code CREATE}, ...) unless
 * it is a call of the functions so named ({@code INSERT(...)}, {@code REPLACE(...)}, {@code TRUNCATE(...)}), part
 * of {@code FOR UPDATE} or {@code LOCK IN SHARE MODE}, or an identifier after a dot ({@code t.update}).
 *
 * <p>Decisions that depend on the next token wait for it, so the detector keeps the codes of the last two tokens.
 */
final class MarkerDetector {
    private static final int NOTHING = -1;
    private static final int OTHER = 0;
    private static final int OPEN = 1;
    private static final int CLOSE = 2;
    private static final int COLON = 3;
    private static final int EQUALS = 4;
    private static final int USER_VARIABLE = 5;
    private static final int SEQUENCE_READ_PSEUDO_COLUMN = 6;
    private static final int SEQUENCE_WRITE_PSEUDO_COLUMN = 7;
    private static final int LAST_INSERT_ID_VARIABLE = 8;
    private static final int KEYWORD_BASE = 16;
    private static final Keyword[] KEYWORDS = Keyword.values();
    /**
     * For {@link SqlLexer#skim}: the keywords the rules here look at, as words of their own and (sequence pseudo
     * columns) after a dot. To the rules any other keyword is like an identifier, and any token but these, variables
     * and {@code ( ) : =} is OTHER. Shared and never written after class initialisation.
     */
    static final byte[] WATCHED_KEYWORDS = watched();

    private int previous;
    private int beforePrevious;
    private boolean primaryMarker;
    private boolean sequenceWrite;
    private Keyword writeKeyword;
    private int effects;

    void reset() {
        previous = NOTHING;
        beforePrevious = NOTHING;
        primaryMarker = false;
        sequenceWrite = false;
        writeKeyword = null;
        effects = 0;
    }

    /** True when the statement has something that keeps a read on the primary. */
    boolean primaryMarker() {
        return primaryMarker;
    }

    /**
     * True when the statement advances or sets a sequence. The server writes the sequence's table for that, so such a
     * read must run where writes run, whatever a replica hint says; reading a sequence's current value does not count.
     */
    boolean sequenceWrite() {
        return sequenceWrite;
    }

    /** The first write-only reserved word seen, or null. */
    Keyword writeKeyword() {
        return writeKeyword;
    }

    /** {@link Classification#SESSION_BOUND} and {@link Classification#READS_LAST_INSERT_ID} as found. */
    int effects() {
        return effects;
    }

    void accept(SqlLexer token) {
        step(codeOf(token));
    }

    /**
     * Stands for tokens that {@link SqlLexer#skim} passed over: one OTHER does for any number of them, since no rule
     * looks at a pair of tokens that are both OTHER.
     */
    void skipped() {
        step(OTHER);
    }

    /** Settles what waits for a next token; call once after the statement's last token. */
    void finish() {
        step(OTHER);
    }

    private void step(int code) {
        Keyword last = keywordOf(previous);
        if (last != null) {
            settleWord(last, code);
        }
        if (previous == OPEN && beforePrevious == code(Keyword.LAST_INSERT_ID)) {
            // LAST_INSERT_ID() reads the session's value; LAST_INSERT_ID(expr) sets it.
            effects |= code == CLOSE ? Classification.READS_LAST_INSERT_ID : Classification.SESSION_BOUND;
        }
        switch (code) {
            case USER_VARIABLE:
                primaryMarker = true;
                if (previous == code(Keyword.INTO)) {
                    effects |= Classification.SESSION_BOUND;
                }
                break;
            case EQUALS:
                if (previous == COLON && beforePrevious == USER_VARIABLE) {
                    effects |= Classification.SESSION_BOUND;
                }
                break;
            case SEQUENCE_WRITE_PSEUDO_COLUMN:
                sequenceWrite = true;
                primaryMarker = true;
                break;
            case SEQUENCE_READ_PSEUDO_COLUMN:
                primaryMarker = true;
                break;
            case LAST_INSERT_ID_VARIABLE:
                primaryMarker = true;
                effects |= Classification.READS_LAST_INSERT_ID;
                break;
            default:
                Keyword current = keywordOf(code);
                if (current != null) {
                    noteKeyword(current);
                }
        }
        beforePrevious = previous;
        previous = code;
    }

    private void noteKeyword(Keyword current) {
        switch (current) {
            case UPDATE:
            case SHARE:
                if (previous == code(Keyword.FOR)) {
                    primaryMarker = true;
                }
                break;
            case FOR:
                if (previous == code(Keyword.VALUE) && beforePrevious == code(Keyword.NEXT)) {
                    sequenceWrite = true;
                    primaryMarker = true;
                } else if (previous == code(Keyword.VALUE) && beforePrevious == code(Keyword.PREVIOUS)) {
                    primaryMarker = true;
                }
                break;
            case INTO:
                primaryMarker = true;
                break;
            case SQL_CALC_FOUND_ROWS:
                primaryMarker = true;
                effects |= Classification.SESSION_BOUND;
                break;
            default:
                break;
        }
    }

    /** Decides about the previous word now that the token after it, {@code code}, is known. */
    private void settleWord(Keyword word, int code) {
        if (word.role == Keyword.Role.PRIMARY_FUNCTION && code == OPEN) {
            primaryMarker = true;
            if (word == Keyword.GET_LOCK) {
                effects |= Classification.SESSION_BOUND;
            }
            sequenceWrite |= word == Keyword.NEXTVAL || word == Keyword.SETVAL;
        }
        boolean lockInShareMode = word == Keyword.LOCK && code == code(Keyword.IN);
        if (lockInShareMode) {
            primaryMarker = true;
        }
        if (!word.writesInRead() || writeKeyword != null) {
            return;
        }
        // INSERT(str, ...), REPLACE(str, ...) and TRUNCATE(x, d) are functions; UPDATE (t1 JOIN t2) is a statement.
        boolean functionCall = code == OPEN
                && (word == Keyword.INSERT || word == Keyword.REPLACE || word == Keyword.TRUNCATE);
        boolean forUpdate = word == Keyword.UPDATE && beforePrevious == code(Keyword.FOR);
        if (!functionCall && !forUpdate && !lockInShareMode) {
            writeKeyword = word;
        }
    }

    private static int codeOf(SqlLexer token) {
        switch (token.type) {
            case SqlLexer.WORD:
                Keyword keyword = token.keyword;
                if (keyword == null) {
                    return OTHER;
                }
                if (token.afterDot) {
                    // MariaDB's Oracle mode: seq.NEXTVAL, seq.CURRVAL.
                    if (keyword == Keyword.NEXTVAL) {
                        return SEQUENCE_WRITE_PSEUDO_COLUMN;
                    }
                    return keyword == Keyword.CURRVAL ? SEQUENCE_READ_PSEUDO_COLUMN : OTHER;
                }
                return code(keyword);
            case SqlLexer.USER_VARIABLE:
                return USER_VARIABLE;
            case SqlLexer.SYSTEM_VARIABLE:
                return readsLastInsertId(token) ? LAST_INSERT_ID_VARIABLE : OTHER;
            case SqlLexer.SYMBOL:
                switch (token.symbol) {
                    case '(':
                        return OPEN;
                    case ')':
                        return CLOSE;
                    case ':':
                        return COLON;
                    case '=':
                        return EQUALS;
                    default:
                        return OTHER;
                }
            default:
                return OTHER;
        }
    }

    /** {@code @@identity}, {@code @@last_insert_id} and their {@code @@session.} forms. */
    private static boolean readsLastInsertId(SqlLexer token) {
        String sql = token.sql();
        int nameStart = token.start + 2;
        String session = "session.";
        if (sql.regionMatches(true, nameStart, session, 0, session.length())) {
            nameStart += session.length();
        }
        int length = token.end - nameStart;
        return (length == 8 && sql.regionMatches(true, nameStart, "identity", 0, 8))
                || (length == 14 && sql.regionMatches(true, nameStart, "last_insert_id", 0, 14));
    }

    private static byte[] watched() {
        byte[] watched = new byte[KEYWORDS.length];
        for (Keyword keyword : KEYWORDS) {
            if (keyword.role == Keyword.Role.PRIMARY_FUNCTION || keyword.writesInRead()) {
                watched[keyword.ordinal()] = SqlLexer.WATCH_AS_WORD;
            }
        }
        for (Keyword keyword : new Keyword[] {Keyword.FOR, Keyword.UPDATE, Keyword.SHARE, Keyword.VALUE, Keyword.NEXT,
                Keyword.PREVIOUS, Keyword.INTO, Keyword.SQL_CALC_FOUND_ROWS, Keyword.LOCK, Keyword.IN}) {
            watched[keyword.ordinal()] = SqlLexer.WATCH_AS_WORD;
        }
        watched[Keyword.NEXTVAL.ordinal()] |= SqlLexer.WATCH_AFTER_DOT;
        watched[Keyword.CURRVAL.ordinal()] |= SqlLexer.WATCH_AFTER_DOT;
        return watched;
    }

    private static int code(Keyword keyword) {
        return KEYWORD_BASE + keyword.ordinal();
    }

    private static Keyword keywordOf(int code) {
        return code >= KEYWORD_BASE ? KEYWORDS[code - KEYWORD_BASE] : null;
    }
}
