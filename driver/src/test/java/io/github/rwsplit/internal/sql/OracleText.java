package io.github.rwsplit.internal.sql;

/**
 * Character rules shared by the tests' independent write-keyword oracles: deliberately simple re-statements of MySQL's
 * quoting and identifier rules, not the classifier's lexer.
 */
final class OracleText {
    private OracleText() {
    }

    /** The position after the quoted text starting at {@code start}, or the end of {@code sql} when unterminated. */
    static int afterQuoted(String sql, int start, boolean backslashEscapes) {
        char quote = sql.charAt(start);
        int i = start + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return sql.length();
    }

    /** Letters, digits, '_' and '$', and everything beyond ASCII, which MySQL allows in identifiers. */
    static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '$'
                || c > 0x7f;
    }
}
