package io.github.rwsplit.internal.sql;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The words the scan reacts to. Anything else is an identifier or a keyword that does not matter for routing.
 * A word of up to {@link #MAX_PACKED_LENGTH} characters is looked up by its packed form in a table where no two
 * keywords share a slot: one probe and one comparison, no loop; the few longer keywords are compared in place.
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

    // Compile-time constants, as the constructors use them before the class's other static fields are set.
    /**
     * Words of up to this many characters are looked up by their packed form: {@link #PACK_BITS} bits a character in a
     * long, computed while the lexer finds the end of the word, so that looking a word up costs one table probe.
     */
    static final int MAX_PACKED_LENGTH = 12;
    static final int PACK_BITS = 5;
    /** The pack code of a word character no keyword has: a digit, '$', a non-ASCII letter. */
    static final int NOT_IN_KEYWORDS = 31;
    private static final int UNDERSCORE_CODE = 27;

    private static final int MIN_SLOT_BITS = 11;
    private static final int MULTIPLIERS_PER_SIZE = 64;
    private static final long FIRST_MULTIPLIER = 0x9E3779B97F4A7C15L;
    /** Even, so every multiplier tried stays odd. */
    private static final long MULTIPLIER_STEP = 0x5851F42D4C957F2EL;

    /**
     * The table of packed keywords: {@code SLOT_MULTIPLIER} spreads them with no two in one slot, so a probe needs no
     * loop and no second comparison. Both are found when the class loads, trying a fixed sequence of odd multipliers
     * and doubling the table when none of a batch works, so adding keywords can never leave it without one.
     */
    private static final int SLOT_BITS;
    private static final long SLOT_MULTIPLIER;
    private static final long[] SLOT_PACKED;
    private static final Keyword[] SLOT_KEYWORDS;
    /** The keywords too long to pack, compared in place. */
    private static final Keyword[] UNPACKED;

    static {
        int bits = MIN_SLOT_BITS;
        long multiplier = FIRST_MULTIPLIER;
        for (int tried = 1; !collisionFree(bits, multiplier); tried++) {
            multiplier += MULTIPLIER_STEP;
            if (tried % MULTIPLIERS_PER_SIZE == 0) {
                bits++;
            }
        }
        SLOT_BITS = bits;
        SLOT_MULTIPLIER = multiplier;
        SLOT_PACKED = new long[1 << bits];
        SLOT_KEYWORDS = new Keyword[1 << bits];
        for (Keyword keyword : values()) {
            if (keyword.packed != 0) {
                int slot = slot(keyword.packed, bits, multiplier);
                SLOT_PACKED[slot] = keyword.packed;
                SLOT_KEYWORDS[slot] = keyword;
            }
        }
        UNPACKED = Arrays.stream(values()).filter(keyword -> keyword.packed == 0).toArray(Keyword[]::new);
    }

    final Role role;
    private final char[] upper;
    /** The packed form, or 0 when the keyword is longer than {@link #MAX_PACKED_LENGTH}. */
    private final long packed;

    Keyword() {
        this(Role.NONE);
    }

    Keyword(Role role) {
        this.role = role;
        this.upper = name().toCharArray();
        this.packed = upper.length <= MAX_PACKED_LENGTH ? pack(upper) : 0;
    }

    boolean writesInRead() {
        return role == Role.WRITE || role == Role.DML_WRITE;
    }

    /**
     * What a word character adds to a packed word: letters 1 to 26 ignoring ASCII case, '_' 27, any other
     * {@link #NOT_IN_KEYWORDS}. Never 0, so words of different lengths never pack alike.
     */
    static int packCode(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 1;
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A' + 1;
        }
        return c == '_' ? UNDERSCORE_CODE : NOT_IN_KEYWORDS;
    }

    /** The keyword whose packed form is {@code packed}, or null: for words of up to {@link #MAX_PACKED_LENGTH}. */
    static Keyword lookup(long packed) {
        int slot = slot(packed);
        Keyword keyword = SLOT_KEYWORDS[slot];
        return SLOT_PACKED[slot] == packed ? keyword : null;
    }

    /** The keyword spelled by {@code text[start, end)} ignoring ASCII case, or null: for words too long to pack. */
    static Keyword lookupLong(char[] text, int start, int end) {
        for (Keyword keyword : UNPACKED) {
            if (keyword.spelledAt(text, start, end - start)) {
                return keyword;
            }
        }
        return null;
    }

    private boolean spelledAt(char[] text, int start, int length) {
        if (length != upper.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = text[start + i];
            if ((c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c) != upper[i]) {
                return false;
            }
        }
        return true;
    }

    private static long pack(char[] word) {
        long packed = 0;
        for (char c : word) {
            packed = packed << PACK_BITS | packCode(c);
        }
        return packed;
    }

    private static int slot(long packed) {
        return slot(packed, SLOT_BITS, SLOT_MULTIPLIER);
    }

    private static int slot(long packed, int bits, long multiplier) {
        return (int) ((packed * multiplier) >>> (Long.SIZE - bits));
    }

    private static boolean collisionFree(int bits, long multiplier) {
        Set<Integer> slots = new HashSet<>();
        for (Keyword keyword : values()) {
            if (keyword.packed != 0 && !slots.add(slot(keyword.packed, bits, multiplier))) {
                return false;
            }
        }
        return true;
    }
}
