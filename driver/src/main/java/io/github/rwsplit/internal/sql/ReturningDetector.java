package io.github.rwsplit.internal.sql;

/**
 * Finds MariaDB's RETURNING clause ({@code INSERT ... RETURNING id, v}, also REPLACE and DELETE), which makes a write
 * produce a result set. It errs towards "no": the answer decides whether {@code executeQuery} runs a write, and a
 * column named {@code returning} must not make it run one that then has no rows to give. So the word counts only at
 * the top level of an INSERT, REPLACE or DELETE, outside executable comments (a server that skips the comment sees
 * no clause), and when the token after it can start a select list: not {@code = , ) .}, a comparison, FROM, or the
 * end of the statement.
 */
final class ReturningDetector {
    private static final int NOT_HERE = 0;
    private static final int WATCHING = 1;
    private static final int AFTER_WORD = 2;
    private static final int FOUND = 3;

    private int state;

    /** Starts a statement; {@code possible} when it is an INSERT, REPLACE or DELETE. */
    void reset(boolean possible) {
        state = possible ? WATCHING : NOT_HERE;
    }

    boolean found() {
        return state == FOUND;
    }

    /** The statement's current token; {@code depth} is the parenthesis depth, 0 at the top level. */
    void accept(SqlLexer token, int depth) {
        if (state == AFTER_WORD) {
            state = startsSelectList(token) ? FOUND : WATCHING;
        } else if (state == WATCHING && depth == 0 && token.keyword() == Keyword.RETURNING
                && !token.inExecutableComment()) {
            state = AFTER_WORD;
        }
    }

    private static boolean startsSelectList(SqlLexer token) {
        if (token.type == SqlLexer.SYMBOL) {
            return token.symbol == '*' || token.symbol == '(' || token.symbol == '-';
        }
        return token.type != SqlLexer.END && token.keyword() != Keyword.FROM;
    }
}
