package io.github.rwsplit.internal.sql;

import java.util.List;
import java.util.Objects;

/**
 * What the classifier found out about one SQL string.
 *
 * @param target                 where the statement may run; {@link Target#WRITE} with kind
 *                               {@link StatementKind#QUERY} is a query that advances or sets a sequence
 * @param kind                   what the statement is
 * @param effects                a bit set of {@link #SESSION_BOUND}, {@link #READS_LAST_INSERT_ID},
 *                               {@link #IMPLICIT_COMMIT}, {@link #CHAIN} and {@link #RETURNS_ROWS}
 * @param hints                  the rwsplit hints found in the statement's comments
 * @param setItems               for kind {@link StatementKind#SET}, the assignments in order; else empty
 * @param database               for kind {@link StatementKind#USE}, the database name without quotes; else null
 * @param createdTemporaryTables for CREATE TEMPORARY TABLE (also inside a multi-statement string), the unqualified
 *                               lower-case table names; else empty
 * @param droppedTables          for DROP [TEMPORARY] TABLE (also inside a multi-statement string), the unqualified
 *                               lower-case table names; else empty
 * @param decidedByParser        true when the lexical scan could not decide and JSqlParser was consulted
 */
public record Classification(Target target, StatementKind kind, int effects, Hints hints, List<SetItem> setItems,
                             String database, List<String> createdTemporaryTables, List<String> droppedTables,
                             boolean decidedByParser) {

    /**
     * Leaves state on the physical session that later statements of the same logical connection need: CREATE
     * TEMPORARY TABLE, user-variable assignment (SET @x, SELECT @x := ..., ... INTO @x) or any SET mentioning a
     * user variable, GET_LOCK, LAST_INSERT_ID(expr), PREPARE/EXECUTE/DEALLOCATE PREPARE, EXECUTE IMMEDIATE,
     * SQL_CALC_FOUND_ROWS, HANDLER, XA, LOCK TABLES, LOCK INSTANCE, BACKUP STAGE/LOCK, FLUSH ... WITH READ LOCK or
     * FOR EXPORT, SET ROLE, SET RESOURCE GROUP, and multi-statement strings that contain SET/USE/transaction
     * control/LOCK (or any of the above).
     */
    public static final int SESSION_BOUND = 1;
    /** Calls LAST_INSERT_ID() with no argument (or reads @@identity / @@last_insert_id): its value depends on the
     *  session's previous insert. */
    public static final int READS_LAST_INSERT_ID = 2;
    /** Commits any open transaction implicitly: DDL except CREATE/DROP TEMPORARY TABLE, GRANT/REVOKE, account
     *  statements, LOCK TABLES, BEGIN/START TRANSACTION, ANALYZE/OPTIMIZE/REPAIR/CHECK TABLE, FLUSH, replication
     *  control, plugin installation. Statements that commit only under conditions (SET autocommit=1, UNLOCK
     *  TABLES) do not carry it. */
    public static final int IMPLICIT_COMMIT = 4;
    /** COMMIT/ROLLBACK ... AND CHAIN: a new transaction starts at once. */
    public static final int CHAIN = 8;
    /** An INSERT, REPLACE or DELETE with MariaDB's RETURNING clause ({@code INSERT ... RETURNING id}): it produces
     *  a result set. Only a clause outside executable comments, followed by what can start a select list, counts. */
    public static final int RETURNS_ROWS = 16;

    private static final int EFFECT_COMBINATIONS = 32;
    /** Declared before {@link #COMMON}, which is built with it; values() would copy the array on every lookup. */
    private static final int KIND_COUNT = StatementKind.values().length;
    private static final Classification[] COMMON = commonInstances();

    /** The answer for null, empty and not understood input. */
    static final Classification NOT_UNDERSTOOD = of(Target.WRITE, StatementKind.OTHER, 0, false);

    public Classification {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hints, "hints");
        setItems = List.copyOf(setItems);
        createdTemporaryTables = List.copyOf(createdTemporaryTables);
        droppedTables = List.copyOf(droppedTables);
    }

    /** True when {@code effect} (one of the constants above, or several or-ed together) is set. */
    public boolean has(int effect) {
        return (effects & effect) != 0;
    }

    /** A shared instance for a result without hints, SET items, database or table names. */
    static Classification of(Target target, StatementKind kind, int effects, boolean decidedByParser) {
        if (effects < 0 || effects >= EFFECT_COMBINATIONS) {
            return new Classification(target, kind, effects, Hints.NONE, List.of(), null, List.of(), List.of(),
                    decidedByParser);
        }
        return COMMON[index(target, kind, effects, decidedByParser)];
    }

    private static int index(Target target, StatementKind kind, int effects, boolean decidedByParser) {
        int i = (target.ordinal() * KIND_COUNT + kind.ordinal()) * EFFECT_COMBINATIONS + effects;
        return i * 2 + (decidedByParser ? 1 : 0);
    }

    private static Classification[] commonInstances() {
        Target[] targets = Target.values();
        StatementKind[] kinds = StatementKind.values();
        Classification[] all = new Classification[targets.length * kinds.length * EFFECT_COMBINATIONS * 2];
        for (Target target : targets) {
            for (StatementKind kind : kinds) {
                for (int effects = 0; effects < EFFECT_COMBINATIONS; effects++) {
                    for (boolean parser : new boolean[] {false, true}) {
                        all[index(target, kind, effects, parser)] = new Classification(target, kind, effects,
                                Hints.NONE, List.of(), null, List.of(), List.of(), parser);
                    }
                }
            }
        }
        return all;
    }
}
