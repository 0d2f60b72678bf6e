package io.github.rwsplit.internal.sql;

/**
 * Masks credentials in SQL text before it is logged: {@code IDENTIFIED BY 'secret'} becomes
 * {@code IDENTIFIED BY '***'}.
 *
 * <p>A word, quoted name, string literal or comment that contains {@code PASSWORD} or {@code IDENTIFIED} (any case,
 * also as part of a longer word such as {@code MASTER_PASSWORD}) is a credential word. After one, every string
 * literal up to the end of the statement is masked whole, and so is an unquoted value after {@code =}, {@code :},
 * {@code BY}, {@code AS}, {@code USING} or {@code REPLACE} (but not a function name such as {@code PASSWORD(}), and
 * a hexadecimal or binary number. That covers {@code CREATE/ALTER USER} and {@code GRANT} with
 * {@code IDENTIFIED [WITH|VIA plugin] BY|AS|USING}, {@code PASSWORD('x')}, {@code SET PASSWORD},
 * {@code MASTER_PASSWORD}/{@code SOURCE_PASSWORD}, {@code OPTIONS (PASSWORD 'x')} and {@code password=x}. Inside a
 * literal or comment, whatever follows the credential word is masked, so a JDBC URL keeps its start:
 * {@code 'jdbc:mysql://h/db?user=app&password=***'}. Values before the first credential word stay visible, such as
 * the account name of {@code CREATE USER}; literals after it that hold no secret are masked too, which is the safe
 * side to err on.
 *
 * <p>Quotes are read as the server might read them: the text is scanned with and without backslash escapes, and with
 * version comments ({@code /*!80000 ...*}{@code /}) run and skipped, and what any of those readings masks is masked.
 */
public final class SqlRedaction {
    /** What stands for each masked run of characters. */
    static final String MASK = "***";
    /** The whole answer when redaction itself failed: nothing of the text is shown. */
    static final String NOT_SHOWN = "*** (statement not shown)";

    private static final String PASSWORD = "password";
    private static final String IDENTIFIED = "identified";
    private static final int CASE_BIT = 0x20;

    private SqlRedaction() {
    }

    /**
     * Returns {@code sql} with credentials masked. Text with neither {@code PASSWORD} nor {@code IDENTIFIED} in it,
     * in any case, is returned as the same instance, with no copy made or memory allocated, so calling this for every
     * logged statement is cheap. Null gives null. Never throws: should masking fail, the answer is a fixed text that
     * shows nothing of the statement.
     */
    public static String redact(String sql) {
        if (sql == null || credentialWordAt(sql, 0, sql.length()) < 0) {
            return sql;
        }
        try {
            return masked(sql);
        } catch (RuntimeException | Error e) {
            return NOT_SHOWN;
        }
    }

    /**
     * Where the first credential word starts in {@code sql} between {@code from} and {@code to}, or -1. Compares ASCII
     * letters only, as the server's keywords are ASCII.
     */
    static int credentialWordAt(String sql, int from, int to) {
        for (int i = from; i < to; i++) {
            int c = sql.charAt(i) | CASE_BIT;
            if (c == 'p' ? matches(sql, i, to, PASSWORD) : c == 'i' && matches(sql, i, to, IDENTIFIED)) {
                return i;
            }
        }
        return -1;
    }

    /** The length of the credential word that starts at {@code at}. */
    static int credentialWordLength(String sql, int at) {
        return (sql.charAt(at) | CASE_BIT) == 'p' ? PASSWORD.length() : IDENTIFIED.length();
    }

    private static boolean matches(String sql, int at, int to, String lowerCaseWord) {
        if (to - at < lowerCaseWord.length()) {
            return false;
        }
        for (int k = 1; k < lowerCaseWord.length(); k++) {
            if ((sql.charAt(at + k) | CASE_BIT) != lowerCaseWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static String masked(String sql) {
        boolean[] mask = new boolean[sql.length()];
        boolean escapesMatter = sql.indexOf('\\') >= 0;
        boolean versionCommentsMatter = hasVersionComment(sql);
        for (int escapes = 0; escapes < (escapesMatter ? 2 : 1); escapes++) {
            for (int version = 0; version < (versionCommentsMatter ? 2 : 1); version++) {
                new RedactionScanner(sql, mask, escapes == 0, version == 0).scan();
            }
        }
        StringBuilder out = new StringBuilder(sql.length());
        for (int i = 0; i < sql.length(); i++) {
            if (!mask[i]) {
                out.append(sql.charAt(i));
            } else if (i == 0 || !mask[i - 1]) {
                out.append(MASK);
            }
        }
        return out.toString();
    }

    private static boolean hasVersionComment(String sql) {
        for (int i = sql.indexOf("/*"); i >= 0; i = sql.indexOf("/*", i + 2)) {
            if (RedactionScanner.versionCommentBody(sql, i) > 0) {
                return true;
            }
        }
        return false;
    }
}
