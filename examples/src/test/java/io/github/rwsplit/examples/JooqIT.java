package io.github.rwsplit.examples;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.rwsplit.examples.hibernate.HibernateExample;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jOOQ over rwsplit with the dialect of the cluster's server (MariaDB's sends INSERT ... RETURNING, MySQL's asks for
 * generated keys): where its queries, returning inserts and transactions run.
 */
@WithReplicationCluster
class JooqIT {
    private static final Table<?> NOTE = table(name("note"));
    private static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT.identity(true));
    private static final Field<String> TEXT = field(name("text"), SQLDataType.VARCHAR(100));

    private final ReplicationCluster cluster;
    private RwSplitDataSource dataSource;
    private DSLContext jooq;
    private SQLDialect dialect;

    JooqIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void createTable() {
        // A generous read-your-writes wait: a read after a write goes to a replica on a busy machine too.
        dataSource = HibernateExample.dataSource(cluster, "clusterName=jooq", "readYourWritesTimeout=10s");
        dialect = switch (cluster.serverVersion().family()) {
            case MARIADB -> SQLDialect.MARIADB;
            case MYSQL -> SQLDialect.MYSQL;
        };
        jooq = DSL.using(dataSource, dialect);
        jooq.createTableIfNotExists(NOTE).column(ID).column(TEXT).primaryKey(ID).execute();
        // Over a DataSource every jOOQ query has a logical connection of its own, so read-your-writes does not carry
        // from this DDL to the tests' reads.
        cluster.awaitReplication(Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private ClusterActivity activitySince(ClusterStats before) {
        return ClusterActivity.between(before, dataSource.getClusterStats());
    }

    @Test
    void insertReturningRunsOnThePrimary_andASelectOnTheSameConnectionSeesItOnAReplica() throws SQLException {
        ClusterStats before = dataSource.getClusterStats();
        List<String> texts;
        // One connection, as read-your-writes is per logical connection (jOOQ over the DataSource takes one per query).
        try (Connection connection = dataSource.getConnection()) {
            DSLContext session = DSL.using(connection, dialect);
            Record1<Long> inserted = session.insertInto(NOTE, TEXT).values("first").returningResult(ID).fetchOne();
            assertNotNull(inserted);
            texts = session.select(TEXT).from(NOTE).where(ID.eq(inserted.value1())).fetch(TEXT);
        }

        assertEquals(List.of("first"), texts);
        ClusterActivity activity = activitySince(before);
        assertEquals(1, activity.primaryWrites(), activity.summary());
        assertEquals(0, activity.replicaWrites(), activity.summary());
        assertEquals(1, activity.replicaReads(), "read-your-writes found a replica with the row: "
                + activity.summary());
    }

    @Test
    void aTransactionRunsOnThePrimary_andAReadOnlyOneOnAReplica() throws Exception {
        ClusterStats before = dataSource.getClusterStats();
        jooq.transaction(configuration -> {
            DSLContext transaction = DSL.using(configuration);
            transaction.insertInto(NOTE, TEXT).values("in a transaction").execute();
            assertEquals(1, transaction.fetchCount(NOTE, TEXT.eq("in a transaction")));
        });
        ClusterActivity readWrite = activitySince(before);
        assertEquals(0, readWrite.replicaReads() + readWrite.replicaWrites(), readWrite.summary());

        ClusterStats beforeReadOnly = dataSource.getClusterStats();
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            DSL.using(connection, dialect).transaction(configuration ->
                    DSL.using(configuration).fetchCount(NOTE));
        }
        ClusterActivity readOnly = activitySince(beforeReadOnly);
        assertEquals(1, readOnly.replicasThatRead().size(), readOnly.summary());
        assertEquals(0, readOnly.primaryReads() + readOnly.primaryWrites(), readOnly.summary());
    }
}
