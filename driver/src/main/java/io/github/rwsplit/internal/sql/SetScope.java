package io.github.rwsplit.internal.sql;

/** What one assignment of a SET statement changes. */
public enum SetScope {
    /** A session system variable: SET x=1, SET SESSION x=1, SET LOCAL x=1, SET @@x=1, SET @@session.x=1. */
    SESSION,
    /** A server-wide variable: SET GLOBAL, SET PERSIST, SET PERSIST_ONLY, SET @@global.x; also SET GLOBAL TRANSACTION. */
    GLOBAL,
    /** A user variable: SET @x=1. */
    USER,
    /** SET NAMES charset [COLLATE collation]. */
    NAMES,
    /** SET CHARACTER SET charset, SET CHARSET charset. */
    CHARACTER_SET,
    /** SET TRANSACTION ...: characteristics of the next transaction only. */
    TRANSACTION,
    /** SET SESSION TRANSACTION ...: characteristics of every later transaction of the session. */
    SESSION_TRANSACTION,
    /** The session's autocommit variable. */
    AUTOCOMMIT,
    /** SET PASSWORD, SET ROLE, SET DEFAULT ROLE, SET RESOURCE GROUP and whatever else is not an assignment above. */
    OTHER
}
