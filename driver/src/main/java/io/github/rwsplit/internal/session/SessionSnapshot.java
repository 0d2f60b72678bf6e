package io.github.rwsplit.internal.session;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The session state a logical connection asked for (docs/routing.md, "Session state"): SET variables in the order they were set, the current
 * database, the isolation level. Immutable, and compared by content, so that physical sessions tagged with an equal
 * snapshot (say, every connection that ran the same init SQL) are reused with nothing replayed.
 */
public final class SessionSnapshot {
    /** No isolation level chosen: the pool's default applies. */
    public static final int DEFAULT_ISOLATION = -1;
    public static final SessionSnapshot DEFAULT = new SessionSnapshot(List.of(), null, DEFAULT_ISOLATION);

    private final List<SessionVariable> variables;
    private final String catalog;
    private final int isolation;
    private final int hash;

    private SessionSnapshot(List<SessionVariable> variables, String catalog, int isolation) {
        this.variables = List.copyOf(variables);
        this.catalog = catalog;
        this.isolation = isolation;
        this.hash = Objects.hash(this.variables, catalog, isolation);
    }

    public List<SessionVariable> variables() {
        return variables;
    }

    /** The database chosen by USE / setCatalog; null for the URL's database. */
    public String catalog() {
        return catalog;
    }

    /** A {@link Connection} TRANSACTION_* level, or {@link #DEFAULT_ISOLATION}. */
    public int isolation() {
        return isolation;
    }

    public boolean isDefault() {
        return this.equals(DEFAULT);
    }

    /** Adds a variable, replacing an earlier setting of the same key; later settings replay last. */
    public SessionSnapshot with(SessionVariable variable) {
        List<SessionVariable> next = new ArrayList<>(variables.size() + 1);
        for (SessionVariable existing : variables) {
            if (!existing.key().equals(variable.key())) {
                next.add(existing);
            }
        }
        next.add(variable);
        return new SessionSnapshot(next, catalog, isolation);
    }

    /** Forgets a variable (SET x = DEFAULT): its saved original comes back on every session. */
    public SessionSnapshot without(String key) {
        List<SessionVariable> next = new ArrayList<>(variables.size());
        for (SessionVariable existing : variables) {
            if (!existing.key().equals(key)) {
                next.add(existing);
            }
        }
        return next.size() == variables.size() ? this : new SessionSnapshot(next, catalog, isolation);
    }

    public SessionSnapshot withCatalog(String newCatalog) {
        return Objects.equals(catalog, newCatalog) ? this : new SessionSnapshot(variables, newCatalog, isolation);
    }

    public SessionSnapshot withIsolation(int level) {
        return isolation == level ? this : new SessionSnapshot(variables, catalog, level);
    }

    /** Every server variable some setting of this snapshot changes. */
    Set<String> changedVariables() {
        Set<String> names = new LinkedHashSet<>();
        for (SessionVariable variable : variables) {
            names.addAll(variable.variables());
        }
        return names;
    }

    /** Whether this snapshot's settings are the first settings of {@code other}, in order. */
    boolean variablesArePrefixOf(SessionSnapshot other) {
        return other.variables.size() >= variables.size()
                && other.variables.subList(0, variables.size()).equals(variables);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof SessionSnapshot other && hash == other.hash && isolation == other.isolation
                && Objects.equals(catalog, other.catalog) && variables.equals(other.variables);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "session " + variables.stream().map(SessionVariable::assignment).toList()
                + (catalog == null ? "" : " database " + catalog)
                + (isolation == DEFAULT_ISOLATION ? "" : " isolation " + isolation);
    }
}
