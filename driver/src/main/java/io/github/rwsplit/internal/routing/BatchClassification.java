package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.sql.Classification;
import io.github.rwsplit.internal.sql.StatementKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch runs as one unit on one node, so it is classified whole: the strictest statement decides where it runs
 * (a write anywhere sends it to the primary), and what any statement leaves on the session (temporary tables, session
 * pins, a LAST_INSERT_ID read) is kept as if each had run alone.
 */
public final class BatchClassification {
    private BatchClassification() {
    }

    /** The classification of {@code statements} run together; never empty. */
    public static Classification of(List<Classification> statements) {
        Classification strictest = statements.get(0);
        int effects = 0;
        boolean parser = false;
        List<String> created = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (Classification statement : statements) {
            if (statement.target().compareTo(strictest.target()) > 0) {
                strictest = statement;
            }
            effects |= statement.effects();
            parser |= statement.decidedByParser();
            created.addAll(statement.createdTemporaryTables());
            dropped.addAll(statement.droppedTables());
        }
        if (statements.size() == 1) {
            return strictest;
        }
        return new Classification(strictest.target(), strictest.kind(), effects, strictest.hints(), List.of(), null,
                List.copyOf(created), List.copyOf(dropped), parser);
    }

    /**
     * Whether a statement changes what rwsplit tracks of the session (SET, USE, transaction boundaries): a batch with
     * one runs statement by statement, so each is tracked as if run alone.
     */
    public static boolean changesSession(Classification statement) {
        StatementKind kind = statement.kind();
        return kind == StatementKind.SET || kind == StatementKind.USE || kind == StatementKind.BEGIN
                || kind == StatementKind.BEGIN_READ_ONLY || kind == StatementKind.COMMIT
                || kind == StatementKind.ROLLBACK;
    }
}
