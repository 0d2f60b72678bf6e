package io.github.rwsplit.examples.spring;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Asks the server that runs the current statement (inside a transaction: the transaction's server) who it is. */
@Component
public class ServingNode {
    private final JdbcTemplate jdbc;

    public ServingNode(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code @@server_id}: every node of a replication cluster has its own. */
    public long serverId() {
        return jdbc.queryForObject("SELECT @@server_id", Long.class);
    }
}
