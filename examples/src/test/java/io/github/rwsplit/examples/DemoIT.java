package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain JDBC quick start ({@code ./demo}): every statement of its script runs where the README says. */
@WithReplicationCluster
class DemoIT {
    private static final String PRIMARY = "primary";
    private static final String REPLICA = "replica";
    private static final String CONTROL = null;

    @Test
    void everyStatementOfTheScriptRunsWhereTheRoutingRulesSay(ReplicationCluster cluster) throws SQLException {
        // A generous read-your-writes wait: the reads right after writes go to a replica on a busy machine too.
        try (RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("readYourWritesTimeout=10s"))) {
            List<String> servedBy = Demo.runScript(dataSource, new PrintStream(System.out, true)).stream()
                    .map(Demo.Step::servedBy).toList();

            assertEquals(Arrays.asList(
                    PRIMARY, PRIMARY,                   // CREATE TABLE, INSERT
                    REPLICA, REPLICA, REPLICA, REPLICA, // SELECTs
                    PRIMARY, PRIMARY, PRIMARY,          // UPDATE, SELECT ... FOR UPDATE, /*rwsplit:primary*/ hint
                    CONTROL, PRIMARY, PRIMARY, CONTROL, // BEGIN, INSERT, SELECT, COMMIT
                    CONTROL, REPLICA, REPLICA, CONTROL, // START TRANSACTION READ ONLY, SELECT, SELECT, COMMIT
                    PRIMARY,                            // SHOW TABLES
                    REPLICA), servedBy);
        }
    }
}
