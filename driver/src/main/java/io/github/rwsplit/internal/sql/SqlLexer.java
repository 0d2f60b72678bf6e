package io.github.rwsplit.internal.sql;

/**
 * Splits MySQL/MariaDB SQL text into tokens in one forward pass over a reused character buffer.
 *
 * <p>Comments are skipped, except that the content of executable comments ({@code /*! ... *}{@code /},
 * {@code /*!50100 ... *}{@code /}, {@code /*M! ... *}{@code /}) is read as statement text, because a server may
 * run it, and that rwsplit hint comments are handed to a {@link HintReader}. The text is read one {@link Reading}
 * at a time; {@link #readingMatters()} says whether another reading could see other tokens. A quote, line comment
 * or nested comment inside an executable comment makes the text {@link #ambiguous()}: servers disagree on where
 * the comment ends.
 */
final class SqlLexer {
    static final int END = 0;
    /** An unquoted word: keyword, identifier or number. */
    static final int WORD = 1;
    /** A {@code `backticked`} identifier. */
    static final int QUOTED_IDENTIFIER = 2;
    /** A {@code 'single'} or {@code "double"} quoted string (an identifier under ANSI_QUOTES). */
    static final int STRING = 3;
    /** {@code @x}, {@code @'x'}, {@code @"x"}, {@code @`x`}. */
    static final int USER_VARIABLE = 4;
    /** {@code @@x}, {@code @@session.x}, {@code @@global.x}. */
    static final int SYSTEM_VARIABLE = 5;
    /** Any other single character, in {@link #symbol}. */
    static final int SYMBOL = 6;

    private static final int MAX_VERSION_DIGITS = 6;
    /** MySQL 8.0 and MariaDB 10.6, the oldest servers supported, run executable comments for older versions. */
    private static final int EVERY_SERVER_RUNS_BELOW = 80000;
    /** A thread's lexer keeps its character buffer between statements, up to this size. */
    private static final int KEPT_BUFFER_LENGTH = 16 * 1024;

    private static final byte OTHER = 0;
    private static final byte SPACE = 1;
    private static final byte WORD_CHAR = 2;
    private static final byte SPECIAL = 3;
    private static final byte[] ASCII_CLASSES = asciiClasses();
    /** For each ASCII word character its {@link Keyword#packCode}, for any other ASCII character 0. */
    private static final byte[] WORD_PACK_CODES = wordPackCodes();
    /** Bits of the array given to {@link #skim}: the keyword matters as a word of its own; after a dot. */
    static final byte WATCH_AS_WORD = 1;
    static final byte WATCH_AFTER_DOT = 2;

    private String sql;
    private char[] chars = new char[256];
    private int limit;
    private boolean backslashEscapes;
    private boolean conditionalCommentsRun;
    private HintReader hintReader;
    private int pos;
    private boolean inExecutableComment;
    private boolean ambiguous;
    private boolean readingMatters;
    private int dotEnd;
    private Hints hints;
    private long packed;
    private boolean skipped;

    /** The current token: its type, its text {@code sql[start, end)}, and details by type. */
    int type;
    int start;
    int end;
    /** For {@link #WORD}: the keyword it spells, or null. */
    Keyword keyword;
    /** For {@link #WORD} and {@link #QUOTED_IDENTIFIER}: immediately preceded by '.', so an identifier. */
    boolean afterDot;
    /** For {@link #SYMBOL}: the character. */
    char symbol;

    /** Starts reading {@code sql} (null: nothing); {@code hintReader} may be null to ignore hints. */
    void reset(String sql, Reading reading, HintReader hintReader) {
        this.sql = sql;
        this.limit = sql == null ? 0 : sql.length();
        if (limit > chars.length) {
            chars = new char[Math.max(limit, chars.length * 2)];
        } else if (sql == null && chars.length > KEPT_BUFFER_LENGTH) {
            chars = new char[KEPT_BUFFER_LENGTH];
        }
        if (sql != null) {
            // Scanning a char array is several times faster than String.charAt on every character.
            sql.getChars(0, limit, chars, 0);
        }
        this.backslashEscapes = reading.backslashEscapes;
        this.conditionalCommentsRun = reading.conditionalCommentsRun;
        this.hintReader = hintReader;
        this.pos = 0;
        this.inExecutableComment = false;
        this.ambiguous = false;
        this.readingMatters = false;
        this.dotEnd = -1;
        this.hints = Hints.NONE;
        this.skipped = false;
        this.type = END;
        this.start = 0;
        this.end = 0;
        this.keyword = null;
        this.afterDot = false;
    }

    String sql() {
        return sql;
    }

    boolean ambiguous() {
        return ambiguous;
    }

    /** True inside an executable comment ({@code /*! ... *}{@code /}) that this reading runs. */
    boolean inExecutableComment() {
        return inExecutableComment;
    }

    /**
     * True when the text read so far has a backslash before a quote inside a string, or a conditional executable
     * comment: another {@link Reading} may see other tokens.
     */
    boolean readingMatters() {
        return readingMatters;
    }

    /** The hints of every rwsplit comment passed so far. */
    Hints hints() {
        return hints;
    }

    boolean isSymbol(char c) {
        return type == SYMBOL && symbol == c;
    }

    /** The current token's keyword, unless the token is not a keyword-bearing word. */
    Keyword keyword() {
        return type == WORD && !afterDot ? keyword : null;
    }

    /**
     * The identifier the current token spells, without quotes: a word, a {@code `backticked`} name or an ANSI
     * {@code "quoted"} one; null for any other token.
     */
    String identifier() {
        switch (type) {
            case WORD:
                return sql.substring(start, end);
            case QUOTED_IDENTIFIER:
                return unquote(sql, start, end);
            case STRING:
                return chars[start] == '"' ? unquote(sql, start, end) : null;
            default:
                return null;
        }
    }

    /** The text between the quotes of {@code sql[start, end)}, with doubled quotes undoubled. */
    static String unquote(String sql, int start, int end) {
        char quote = sql.charAt(start);
        boolean terminated = end - start >= 2 && sql.charAt(end - 1) == quote;
        String inner = sql.substring(start + 1, terminated ? end - 1 : end);
        String doubled = String.valueOf(new char[] {quote, quote});
        return inner.contains(doubled) ? inner.replace(doubled, String.valueOf(quote)) : inner;
    }

    /** Moves to the next token and returns its type. */
    int next() {
        keyword = null;
        afterDot = false;
        final char[] text = chars;
        final int n = limit;
        int p = pos;
        while (p < n) {
            char c = text[p];
            byte charClass = c < 0x80 ? ASCII_CLASSES[c] : WORD_CHAR;
            if (charClass == SPACE) {
                p++;
            } else if (charClass == WORD_CHAR) {
                return word(p);
            } else if (charClass == OTHER) {
                return symbol(p, c);
            } else {
                int after = special(p, c);
                if (after < 0) {
                    return type;
                }
                p = after;
            }
        }
        return token(END, n, n);
    }

    /**
     * Moves to the next token that may matter to a reader that watches only some keywords and the symbols
     * {@code ( ) : =}, passing over every other token: words that are no watched keyword ({@code watched} is indexed
     * by keyword ordinal, with the bits {@link #WATCH_AS_WORD} and {@link #WATCH_AFTER_DOT}), numbers, strings,
     * quoted identifiers and other symbols. User and system variables, {@code ;} and the end are always returned.
     * Comments, hints and the flags of the text are handled as by {@link #next()}; {@link #skipped()} says whether a
     * token was passed over. Words and symbols are handled here without leaving the loop, which is what makes long
     * reads cheap to scan. The loop repeats the character dispatch of {@link #next()} on purpose: for the 2 KB
     * benchmark query, calling next() per token took classification from 2.4 to 3.2 µs, and one loop shared by both
     * (a null {@code watched} meaning every token) from 2.5 to 2.8 µs.
     */
    int skim(byte[] watched) {
        skipped = false;
        final char[] text = chars;
        final int n = limit;
        int p = pos;
        while (p < n) {
            char c = text[p];
            byte charClass = c < 0x80 ? ASCII_CLASSES[c] : WORD_CHAR;
            if (charClass == SPACE) {
                p++;
            } else if (charClass == WORD_CHAR) {
                int to = wordEnd(p);
                Keyword word = keywordAt(p, to);
                boolean dotted = dotEnd == p;
                if (isWatched(word, dotted, watched)) {
                    keyword = word;
                    afterDot = dotted;
                    return token(WORD, p, to);
                }
                skipped = true;
                p = to;
            } else if (charClass == OTHER) {
                if (isWatchedSymbol(c)) {
                    keyword = null;
                    afterDot = false;
                    return symbol(p, c);
                }
                if (c == '.') {
                    dotEnd = p + 1;
                }
                skipped = true;
                p++;
            } else {
                pos = p;
                int tokenType = next();
                if (tokenType == END || tokenType == USER_VARIABLE || tokenType == SYSTEM_VARIABLE) {
                    return tokenType;
                }
                if ((tokenType == WORD && isWatched(keyword, afterDot, watched))
                        || (tokenType == SYMBOL && isWatchedSymbol(symbol))) {
                    return tokenType;
                }
                skipped = true;
                p = pos;
            }
        }
        keyword = null;
        afterDot = false;
        return token(END, n, n);
    }

    private static boolean isWatched(Keyword word, boolean dotted, byte[] watched) {
        return word != null && (watched[word.ordinal()] & (dotted ? WATCH_AFTER_DOT : WATCH_AS_WORD)) != 0;
    }

    private static boolean isWatchedSymbol(char c) {
        return c == '(' || c == ')' || c == ':' || c == '=' || c == ';';
    }

    /** True when the last {@link #skim} passed over at least one token. */
    boolean skipped() {
        return skipped;
    }

    /**
     * Reads what starts with one of {@code / * # - ' " ` @} at {@code p}: returns the position after a comment to
     * go on from, or -1 when it produced a token.
     */
    private int special(int p, char c) {
        final char[] text = chars;
        final int n = limit;
        switch (c) {
            case '/':
                if (p + 1 < n && text[p + 1] == '*') {
                    return blockComment(p);
                }
                break;
            case '*':
                if (inExecutableComment && p + 1 < n && text[p + 1] == '/') {
                    inExecutableComment = false;
                    return p + 2;
                }
                break;
            case '#':
                return lineComment(p);
            case '-':
                if (p + 1 < n && text[p + 1] == '-' && (p + 2 >= n || text[p + 2] <= ' ')) {
                    return lineComment(p);
                }
                break;
            case '\'':
            case '"':
                token(STRING, p, skipQuoted(p, c));
                return -1;
            case '`':
                afterDot = dotEnd == p;
                token(QUOTED_IDENTIFIER, p, skipQuoted(p, c));
                return -1;
            default:
                variable(p);
                return -1;
        }
        symbol(p, c);
        return -1;
    }

    static boolean isWordChar(char c) {
        return c >= 0x80 || ASCII_CLASSES[c] == WORD_CHAR;
    }

    private static byte[] asciiClasses() {
        byte[] classes = new byte[0x80];
        for (char c = 1; c <= ' '; c++) {
            classes[c] = SPACE;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            classes[c] = WORD_CHAR;
            classes[c - 'a' + 'A'] = WORD_CHAR;
        }
        for (char c = '0'; c <= '9'; c++) {
            classes[c] = WORD_CHAR;
        }
        classes['_'] = WORD_CHAR;
        classes['$'] = WORD_CHAR;
        for (char c : "/*#-'\"`@".toCharArray()) {
            classes[c] = SPECIAL;
        }
        return classes;
    }

    private static byte[] wordPackCodes() {
        byte[] codes = new byte[0x80];
        for (char c = 0; c < codes.length; c++) {
            codes[c] = (byte) (ASCII_CLASSES[c] == WORD_CHAR ? Keyword.packCode(c) : 0);
        }
        return codes;
    }

    private int token(int tokenType, int tokenStart, int tokenEnd) {
        start = tokenStart;
        end = tokenEnd;
        pos = tokenEnd;
        type = tokenType;
        return tokenType;
    }

    private int symbol(int at, char c) {
        symbol = c;
        if (c == '.') {
            dotEnd = at + 1;
        }
        return token(SYMBOL, at, at + 1);
    }

    private int word(int from) {
        int to = wordEnd(from);
        afterDot = dotEnd == from;
        keyword = keywordAt(from, to);
        return token(WORD, from, to);
    }

    /** The end of the word that starts at {@code from}; leaves the word's packed form in {@link #packed}. */
    private int wordEnd(int from) {
        final char[] text = chars;
        final int n = limit;
        long word = 0;
        int p = from;
        while (p < n) {
            char c = text[p];
            int code = c < 0x80 ? WORD_PACK_CODES[c] : Keyword.NOT_IN_KEYWORDS;
            if (code == 0) {
                break;
            }
            word = word << Keyword.PACK_BITS | code;
            p++;
        }
        packed = word;
        return p;
    }

    /** The keyword of the word just found by {@link #wordEnd}, or null. */
    private Keyword keywordAt(int from, int to) {
        return to - from <= Keyword.MAX_PACKED_LENGTH ? Keyword.lookup(packed) : Keyword.lookupLong(chars, from, to);
    }

    private int variable(int from) {
        final char[] text = chars;
        final int n = limit;
        int p = from + 1;
        if (p < n && text[p] == '@') {
            // The name is parts joined by dots, each a word or `quoted`; as in MySQL's lexer, a quote right after a
            // part starts the next token (@@version`v` is @@version aliased v), so a following INTO or LOCK stays seen.
            p++;
            while (p < n) {
                if (text[p] == '`') {
                    p = skipQuoted(p, '`');
                } else {
                    while (p < n && isWordChar(text[p])) {
                        p++;
                    }
                }
                if (p >= n || text[p] != '.') {
                    break;
                }
                p++;
            }
            return token(SYSTEM_VARIABLE, from, p);
        }
        if (p < n && (text[p] == '\'' || text[p] == '"' || text[p] == '`')) {
            return token(USER_VARIABLE, from, skipQuoted(p, text[p]));
        }
        while (p < n && (isWordChar(text[p]) || text[p] == '.')) {
            p++;
        }
        return token(USER_VARIABLE, from, p);
    }

    /** Returns the position after the quoted text that starts at {@code from}, or the limit when unterminated. */
    private int skipQuoted(int from, char quote) {
        final char[] text = chars;
        final int n = limit;
        boolean escapes = backslashEscapes && quote != '`';
        int i = from + 1;
        while (i < n) {
            char c = text[i];
            if (c == quote) {
                if (i + 1 < n && text[i + 1] == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && escapes && i + 1 < n) {
                if (text[i + 1] == quote) {
                    readingMatters = true;
                }
                i += 2;
                continue;
            }
            if (c == '*' && inExecutableComment && i + 1 < n && text[i + 1] == '/') {
                // A server that skips this executable comment ends it here, outside the quotes.
                ambiguous = true;
            }
            i++;
        }
        return n;
    }

    /** Returns the position after the line comment that starts at {@code from}. */
    private int lineComment(int from) {
        if (inExecutableComment) {
            ambiguous = true;
        }
        int newline = sql.indexOf('\n', from);
        return newline < 0 ? limit : newline + 1;
    }

    /** Returns the position after the block comment that starts at {@code from}, or inside it when executable. */
    private int blockComment(int from) {
        final char[] text = chars;
        final int n = limit;
        int contentStart = from + 2;
        boolean executable = false;
        if (contentStart < n && text[contentStart] == '!') {
            executable = true;
            contentStart++;
        } else if (contentStart + 1 < n && text[contentStart] == 'M' && text[contentStart + 1] == '!') {
            executable = true;
            contentStart += 2;
        }
        if (inExecutableComment) {
            // Comments do not nest; servers disagree on where this one and the enclosing one end.
            ambiguous = true;
        }
        if (executable) {
            boolean mariaDbOnly = text[contentStart - 1] == '!' && text[contentStart - 2] == 'M';
            int digits = 0;
            int version = 0;
            while (contentStart < n && digits < MAX_VERSION_DIGITS && isDigit(text[contentStart])) {
                version = version * 10 + text[contentStart] - '0';
                contentStart++;
                digits++;
            }
            boolean conditional = mariaDbOnly || (digits > 0 && version >= EVERY_SERVER_RUNS_BELOW);
            readingMatters |= conditional;
            if (!conditional || conditionalCommentsRun) {
                inExecutableComment = true;
                return contentStart;
            }
        }
        int close = sql.indexOf("*/", contentStart);
        int contentEnd = close < 0 ? n : close;
        if (hintReader != null) {
            hints = hintReader.read(sql, contentStart, contentEnd, hints);
        }
        return close < 0 ? n : close + 2;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
