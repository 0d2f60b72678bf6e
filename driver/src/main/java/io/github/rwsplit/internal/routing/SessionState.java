package io.github.rwsplit.internal.routing;

import io.github.rwsplit.internal.session.SessionSnapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * What a logical connection's statements and JDBC setters told it, that later placements depend on: autocommit and
 * read-only, the session settings every physical session must carry, and the primary-session state (temporary tables,
 * LOCK TABLES, the last insert id) that keeps reads on the primary.
 */
final class SessionState {
    final String defaultCatalog;
    boolean autoCommit = true;
    boolean readOnly;
    SessionSnapshot snapshot = SessionSnapshot.DEFAULT;
    boolean tablesLocked;
    long lastInsertId;
    int networkTimeout;
    Executor networkTimeoutExecutor;
    /** Both empty and immutable until first used: most connections never use them. */
    private Set<String> temporaryTables = Set.of();
    private List<String> nextTransactionCharacteristics = List.of();

    SessionState(String defaultCatalog) {
        this.defaultCatalog = defaultCatalog;
    }

    String catalog() {
        return snapshot.catalog() != null ? snapshot.catalog() : defaultCatalog;
    }

    Set<String> temporaryTables() {
        return temporaryTables;
    }

    void createdTemporaryTables(List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        if (temporaryTables.isEmpty()) {
            temporaryTables = new HashSet<>();
        }
        temporaryTables.addAll(created);
    }

    void droppedTables(List<String> dropped) {
        if (!temporaryTables.isEmpty()) {
            dropped.forEach(temporaryTables::remove);
        }
    }

    void nextTransactionCharacteristics(String assignment) {
        if (nextTransactionCharacteristics.isEmpty()) {
            nextTransactionCharacteristics = new ArrayList<>();
        }
        nextTransactionCharacteristics.add(assignment);
    }

    /** The SET TRANSACTION assignments waiting for the next transaction, left in place. */
    List<String> nextTransactionCharacteristics() {
        return nextTransactionCharacteristics;
    }

    /** The SET TRANSACTION assignments for the next transaction only, handed over once. */
    List<String> takeNextTransactionCharacteristics() {
        List<String> pending = nextTransactionCharacteristics;
        nextTransactionCharacteristics = List.of();
        return pending;
    }
}
