package io.github.rwsplit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.examples.failover.FailoverWalkthrough;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failover walkthrough: a replica killed under read load, then restarted. */
@WithReplicationCluster
class FailoverWalkthroughIT {

    @Test
    void readsGoOnWithoutErrorsWhileAReplicaIsDown_andItServesReadsAgainAfterItsRestart(ReplicationCluster cluster)
            throws InterruptedException {
        FailoverWalkthrough.Report report = new FailoverWalkthrough(cluster, new PrintStream(System.out, true)).run();
        String victim = report.victim();
        String survivor = cluster.replicas().get(1).name();

        assertEquals(List.of(), report.errors(), "errors that reached the application");
        assertTrue(report.healthy().getOrDefault(victim, 0L) > 0, "before: " + report.healthy());
        assertTrue(report.healthy().getOrDefault(survivor, 0L) > 0, "before: " + report.healthy());
        assertEquals("down", report.stateDuringOutage());
        assertEquals(0L, report.outage().getOrDefault(victim, 0L), "during the outage: " + report.outage());
        assertTrue(report.outage().getOrDefault(survivor, 0L) > 0, "during the outage: " + report.outage());
        assertTrue(report.rejoined().getOrDefault(victim, 0L) > 0, "after the restart: " + report.rejoined());
    }
}
