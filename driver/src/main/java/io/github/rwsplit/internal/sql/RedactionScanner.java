package io.github.rwsplit.internal.sql;

/**
 * One reading of a text for {@link SqlRedaction}: marks in a shared mask the characters to hide, with backslash
 * escapes on or off and version comments run as code or skipped as comments. It knows only what redaction needs:
 * quoting, comments, words and statement ends.
 */
final class RedactionScanner {
    private final String sql;
    private final int length;
    private final boolean[] mask;
    private final boolean backslashEscapes;
    private final boolean versionCommentsRun;

    /** A credential word came earlier in this statement. */
    private boolean secret;
    /** The last token introduces a value ({@code =}, {@code BY}, ...) and a credential word came before it. */
    private boolean valueNext;

    RedactionScanner(String sql, boolean[] mask, boolean backslashEscapes, boolean versionCommentsRun) {
        this.sql = sql;
        this.length = sql.length();
        this.mask = mask;
        this.backslashEscapes = backslashEscapes;
        this.versionCommentsRun = versionCommentsRun;
    }

    void scan() {
        int i = 0;
        while (i < length) {
            i = token(i);
        }
    }

    /**
     * Where the code of the version comment ({@code /*!50700 ...}, {@code /*M!100300 ...}) opening at {@code at}
     * starts, or -1 when no version comment opens there.
     */
    static int versionCommentBody(String sql, int at) {
        int i = at + 2;
        if (i < sql.length() && (sql.charAt(i) == 'M' || sql.charAt(i) == 'm')) {
            i++;
        }
        if (!sql.startsWith("/*", at) || i >= sql.length() || sql.charAt(i) != '!') {
            return -1;
        }
        i++;
        while (i < sql.length() && sql.charAt(i) >= '0' && sql.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    /** Reads the token at {@code i} and returns where the next one starts. */
    private int token(int i) {
        char c = sql.charAt(i);
        char next = i + 1 < length ? sql.charAt(i + 1) : 0;
        if (c == '\'' || c == '"') {
            return literal(i, c);
        }
        if (c == '`') {
            return quotedName(i);
        }
        if (c == '#') {
            return lineComment(i + 1);
        }
        if (c == '-' && next == '-' && (i + 2 >= length || sql.charAt(i + 2) <= ' ')) {
            return lineComment(i + 2);
        }
        if (c == '/' && next == '*') {
            return blockComment(i);
        }
        if (c == '*' && next == '/') {
            // The end of a version comment read as code: no token of its own.
            return i + 2;
        }
        if (c <= ' ' || Character.isWhitespace(c)) {
            return i + 1;
        }
        if (c == ';') {
            secret = false;
            valueNext = false;
            return i + 1;
        }
        if (valueNext) {
            return value(i);
        }
        if (isWordChar(c)) {
            return word(i);
        }
        valueNext = secret && (c == '=' || c == ':');
        return i + 1;
    }

    private int literal(int open, char quote) {
        int i = open + 1;
        while (i < length) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == quote && i + 1 < length && sql.charAt(i + 1) == quote) {
                i += 2;
            } else if (c == quote) {
                break;
            } else {
                i++;
            }
        }
        int end = Math.min(i, length);
        if (secret) {
            mark(open + 1, end);
        } else {
            maskAfterCredentialWord(open + 1, end);
        }
        valueNext = false;
        return end < length ? end + 1 : length;
    }

    /** A {@code `name`}: never a secret, but a column named {@code `password`} makes what follows one. */
    private int quotedName(int open) {
        int i = open + 1;
        while (i < length && (sql.charAt(i) != '`' || (i + 1 < length && sql.charAt(i + 1) == '`'))) {
            i += sql.charAt(i) == '`' ? 2 : 1;
        }
        int end = Math.min(i, length);
        secret |= SqlRedaction.credentialWordAt(sql, open + 1, end) >= 0;
        valueNext = false;
        return end < length ? end + 1 : length;
    }

    private int lineComment(int start) {
        int end = sql.indexOf('\n', start);
        end = end < 0 ? length : end;
        maskAfterCredentialWord(start, trimmedEnd(start, end));
        return end;
    }

    private int blockComment(int open) {
        int body = versionCommentBody(sql, open);
        if (body > 0 && versionCommentsRun) {
            return body;
        }
        int close = sql.indexOf("*/", open + 2);
        int end = close < 0 ? length : close;
        maskAfterCredentialWord(open + 2, trimmedEnd(open + 2, end));
        return close < 0 ? length : close + 2;
    }

    private int word(int start) {
        int end = start + 1;
        while (end < length && isWordChar(sql.charAt(end))) {
            end++;
        }
        secret |= SqlRedaction.credentialWordAt(sql, start, end) >= 0;
        if (secret && isBinaryOrHexNumber(start, end)) {
            mark(start, end);
        }
        valueNext = secret && introducesValue(start, end);
        return end;
    }

    /**
     * An unquoted value after {@code =}, {@code BY}, ...: masked unless it is a function name (followed by
     * {@code (}) or a {@code ?} placeholder, which are then read as usual.
     */
    private int value(int start) {
        valueNext = false;
        int end = start;
        while (end < length && !endsValue(sql.charAt(end))) {
            end++;
        }
        boolean placeholder = end == start + 1 && sql.charAt(start) == '?';
        if (end == start || placeholder || calledAt(end)) {
            return token(start);
        }
        mark(start, end);
        return end;
    }

    /** Masks what follows the first credential word between {@code from} and {@code to}, if there is one. */
    private void maskAfterCredentialWord(int from, int to) {
        int at = SqlRedaction.credentialWordAt(sql, from, to);
        if (at < 0) {
            return;
        }
        secret = true;
        int i = at + SqlRedaction.credentialWordLength(sql, at);
        while (i < to && (sql.charAt(i) <= ' ' || sql.charAt(i) == '=' || sql.charAt(i) == ':')) {
            i++;
        }
        mark(i, to);
    }

    /** Where a comment's text ends without its trailing spaces, which keeps the mask apart from the comment's end. */
    private int trimmedEnd(int start, int end) {
        int i = end;
        while (i > start && sql.charAt(i - 1) <= ' ') {
            i--;
        }
        return i;
    }

    private boolean calledAt(int end) {
        int i = end;
        while (i < length && sql.charAt(i) <= ' ') {
            i++;
        }
        return i < length && sql.charAt(i) == '(';
    }

    private boolean introducesValue(int start, int end) {
        return isWord(start, end, "BY") || isWord(start, end, "AS") || isWord(start, end, "USING")
                || isWord(start, end, "REPLACE");
    }

    private boolean isWord(int start, int end, String upperCaseWord) {
        return end - start == upperCaseWord.length() && sql.regionMatches(true, start, upperCaseWord, 0, end - start);
    }

    private boolean isBinaryOrHexNumber(int start, int end) {
        if (end - start <= 2 || sql.charAt(start) != '0') {
            return false;
        }
        char radix = sql.charAt(start + 1);
        return radix == 'x' || radix == 'b';
    }

    private void mark(int from, int to) {
        for (int i = from; i < to; i++) {
            mask[i] = true;
        }
    }

    private static boolean endsValue(char c) {
        return c <= ' ' || c == ',' || c == ';' || c == '(' || c == ')' || c == '=' || c == '\'' || c == '"'
                || c == '`';
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$'
                || c >= 0x80;
    }
}
