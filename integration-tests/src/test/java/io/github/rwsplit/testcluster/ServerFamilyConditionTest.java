package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class ServerFamilyConditionTest {

    @Test
    void aTestForTheBackendsFamilyRuns() {
        assertFalse(ServerFamilyCondition.decide(ServerFamily.MARIADB, ClusterBackend.EMBEDDED).isDisabled());
        assertFalse(ServerFamilyCondition.decide(ServerFamily.MYSQL, ClusterBackend.TESTCONTAINERS).isDisabled());
    }

    @Test
    void aTestForTheOtherFamilyIsSkippedWithAReasonNamingBoth() {
        ConditionEvaluationResult mysqlOnEmbedded = ServerFamilyCondition.decide(ServerFamily.MYSQL,
                ClusterBackend.EMBEDDED);
        assertTrue(mysqlOnEmbedded.isDisabled());
        assertEquals("MySQL only: the embedded backend runs MariaDB servers", mysqlOnEmbedded.getReason().orElseThrow());

        ConditionEvaluationResult mariaDbOnContainers = ServerFamilyCondition.decide(ServerFamily.MARIADB,
                ClusterBackend.TESTCONTAINERS);
        assertTrue(mariaDbOnContainers.isDisabled());
        assertEquals("MariaDB only: the testcontainers backend runs MySQL servers",
                mariaDbOnContainers.getReason().orElseThrow());
    }
}
