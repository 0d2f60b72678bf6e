package io.github.rwsplit.internal.sql;

import java.util.Objects;

/**
 * One assignment of a SET statement.
 *
 * @param scope what the assignment changes
 * @param name  for {@link SetScope#SESSION}, {@link SetScope#GLOBAL}, {@link SetScope#USER} and
 *              {@link SetScope#AUTOCOMMIT} the lower-case variable name without {@code @}, {@code @@} or scope
 *              qualifiers (empty for SET GLOBAL TRANSACTION, which names no single variable); empty for the others
 * @param sql   text that, appended to {@code "SET "}, performs this one assignment on another connection; comments
 *              are dropped and whitespace collapsed, and a scope keyword that the original statement gave only once
 *              for several assignments is repeated here
 */
public record SetItem(SetScope scope, String name, String sql) {
    public SetItem {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sql, "sql");
    }
}
