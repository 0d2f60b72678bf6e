package io.github.rwsplit.routing;

/**
 * The words the scan reacts to. Anything else is an identifier or a keyword that does not matter for routing.
 * Lookup first checks whether any keyword has the word's first letter and length, which turns most identifiers
 * away at once; the rest cost a hash of a few characters, a table probe and an in-place comparison.
 */
enum Keyword {
    // Statement starters.
    SELECT, WITH, VALUES, TABLE, SHOW, DESCRIBE, DESC, EXPLAIN, HELP, ANALYZE,
    INSERT(Role.DML_WRITE), UPDATE(Role.DML_WRITE), DELETE(Role.DML_WRITE), REPLACE(Role.DML_WRITE),
    LOAD(Role.WRITE), CREATE(Role.WRITE), ALTER(Role.WRITE), DROP(Role.WRITE), RENAME(Role.WRITE),
    TRUNCATE(Role.WRITE), GRANT(Role.WRITE), REVOKE(Role.WRITE), CALL(Role.WRITE), LOCK(Role.WRITE),
    UNLOCK(Role.WRITE), KILL(Role.WRITE), PURGE(Role.WRITE),
    DO, SET, USE, BEGIN, START, COMMIT, ROLLBACK, SAVEPOINT, RELEASE, XA, HANDLER, PREPARE, EXECUTE, DEALLOCATE,
    FLUSH, OPTIMIZE, REPAIR, CHECK, CHECKSUM, CACHE, INSTALL, UNINSTALL, RESET, STOP, CHANGE, SHUTDOWN, RESTART,
    CLONE, BINLOG, IMPORT, SIGNAL, RESIGNAL, GET, BACKUP,

    // Words inside statements.
    AND, CHAIN, CHARACTER, CHARSET, DATA, DEFAULT, EXISTS, EXPORT, FOR, FORMAT, FROM, GLOBAL, IF, IN, INDEX, INTO,
    LOCAL, NAMES, NEXT, NO, NO_WRITE_TO_BINLOG, NOT, ONLY, OR, PASSWORD, PERSIST, PERSIST_ONLY, PREVIOUS, READ,
    RESOURCE, RETURNING, ROLE, SEQUENCE, SESSION, SHARE, STATEMENT, TABLES, TEMPORARY, TO, TRANSACTION, VALUE, WORK,
    WRITE, XML,

    // Functions and modifiers that tie a read to the primary's session.
    LAST_INSERT_ID(Role.PRIMARY_FUNCTION), FOUND_ROWS(Role.PRIMARY_FUNCTION), ROW_COUNT(Role.PRIMARY_FUNCTION),
    GET_LOCK(Role.PRIMARY_FUNCTION), RELEASE_LOCK(Role.PRIMARY_FUNCTION), RELEASE_ALL_LOCKS(Role.PRIMARY_FUNCTION),
    IS_FREE_LOCK(Role.PRIMARY_FUNCTION), IS_USED_LOCK(Role.PRIMARY_FUNCTION), NEXTVAL(Role.PRIMARY_FUNCTION),
    LASTVAL(Role.PRIMARY_FUNCTION), SETVAL(Role.PRIMARY_FUNCTION), CONNECTION_ID(Role.PRIMARY_FUNCTION),
    CURRVAL, SQL_CALC_FOUND_ROWS;

    /** How a keyword matters when it shows up inside a read. */
    enum Role {
        NONE,
        /** A reserved word that only a writing statement contains (unless it is a function call). */
        WRITE,
        /** A {@link #WRITE} word that starts a data-changing statement, so WITH ... word is DML. */
        DML_WRITE,
        /** A function whose call must run on the primary's session. */
        PRIMARY_FUNCTION
    }

    static final int MAX_LENGTH = 19;

    private static final int SLOTS = 1024;
    private static final int MASK = SLOTS - 1;
    private static final int[] SLOT_HASHES = new int[SLOTS];
    private static final Keyword[] SLOT_KEYWORDS = new Keyword[SLOTS];
    /** Per first letter, bit n set when some keyword of length n starts with it: most identifiers stop here. */
    private static final int[] LENGTHS_BY_FIRST_LETTER = new int[26];

    static {
        for (Keyword keyword : values()) {
            char[] word = keyword.upper;
            LENGTHS_BY_FIRST_LETTER[word[0] - 'A'] |= 1 << word.length;
            int hash = hash(word, 0, word.length);
            int slot = hash & MASK;
            while (SLOT_KEYWORDS[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            SLOT_HASHES[slot] = hash;
            SLOT_KEYWORDS[slot] = keyword;
        }
    }

    final Role role;
    private final char[] upper;

    Keyword() {
        this(Role.NONE);
    }

    Keyword(Role role) {
        this.role = role;
        this.upper = name().toCharArray();
    }

    boolean writesInRead() {
        return role == Role.WRITE || role == Role.DML_WRITE;
    }

    /** The keyword spelled by {@code text[start, end)} ignoring ASCII case, or null. */
    static Keyword lookup(char[] text, int start, int end) {
        int length = end - start;
        int letter = upper(text[start]) - 'A';
        if (length > MAX_LENGTH || letter < 0 || letter >= 26
                || (LENGTHS_BY_FIRST_LETTER[letter] & (1 << length)) == 0) {
            return null;
        }
        int hash = hash(text, start, length);
        for (int slot = hash & MASK; SLOT_KEYWORDS[slot] != null; slot = (slot + 1) & MASK) {
            if (SLOT_HASHES[slot] == hash && SLOT_KEYWORDS[slot].spelledAt(text, start, length)) {
                return SLOT_KEYWORDS[slot];
            }
        }
        return null;
    }

    private boolean spelledAt(char[] text, int start, int length) {
        if (length != upper.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (upper(text[start + i]) != upper[i]) {
                return false;
            }
        }
        return true;
    }

    /** Length and first, second and last characters, ignoring ASCII case: cheap, and enough to tell keywords apart. */
    private static int hash(char[] word, int start, int length) {
        int h = upper(word[start]) * 31 + upper(word[start + length - 1]);
        if (length > 1) {
            h = h * 31 + upper(word[start + 1]);
        }
        return h * 31 + length;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
}
