package io.github.rwsplit.internal.sql;

/** What a statement is, as far as routing and session tracking care. */
public enum StatementKind {
    /** SELECT, WITH ... SELECT, UNION, (SELECT ...), TABLE t, VALUES ROW(...). */
    QUERY,
    /** SHOW, DESCRIBE, DESC, EXPLAIN, HELP, and MariaDB's ANALYZE of a read. */
    SHOW,
    /** INSERT, UPDATE, DELETE, REPLACE, LOAD DATA/XML, WITH ... UPDATE/DELETE, EXPLAIN ANALYZE of a write. */
    DML,
    /** CREATE, ALTER, DROP, RENAME, TRUNCATE. */
    DDL,
    /** CALL proc(...) and the JDBC escapes {call ...} and {? = call ...}. */
    CALL,
    /** SET ...; the assignments are in {@link Classification#setItems()}. */
    SET,
    /** USE db; the name is in {@link Classification#database()}. */
    USE,
    /** BEGIN [WORK], START TRANSACTION [READ WRITE | WITH CONSISTENT SNAPSHOT]. */
    BEGIN,
    /** START TRANSACTION READ ONLY, possibly with other characteristics. */
    BEGIN_READ_ONLY,
    /** COMMIT [WORK] [AND [NO] CHAIN] [[NO] RELEASE]. */
    COMMIT,
    /** ROLLBACK [WORK] [AND [NO] CHAIN] [[NO] RELEASE], not ROLLBACK TO SAVEPOINT. */
    ROLLBACK,
    SAVEPOINT,
    ROLLBACK_TO_SAVEPOINT,
    RELEASE_SAVEPOINT,
    LOCK_TABLES,
    UNLOCK_TABLES,
    XA,
    /** A multi-statement string ("a; b") whose parts are not all reads. */
    MULTI,
    /** Everything else, including what is not understood. */
    OTHER
}
