package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterBackendTest {

    private String chosenForThisRun;

    @BeforeEach
    void clearProperty() {
        chosenForThisRun = System.clearProperty(ReplicationCluster.BACKEND_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (chosenForThisRun == null) {
            System.clearProperty(ReplicationCluster.BACKEND_PROPERTY);
        } else {
            System.setProperty(ReplicationCluster.BACKEND_PROPERTY, chosenForThisRun);
        }
    }

    @Test
    void embeddedMariaDbIsTheDefault() {
        assertEquals(ClusterBackend.EMBEDDED, ClusterBackend.selected());
    }

    @Test
    void testcontainersIsChosenByTheSystemProperty() {
        System.setProperty(ReplicationCluster.BACKEND_PROPERTY, "Testcontainers");

        assertEquals(ClusterBackend.TESTCONTAINERS, ClusterBackend.selected());
    }

    @Test
    void unknownBackendIsRefusedWithTheAcceptedNames() {
        System.setProperty(ReplicationCluster.BACKEND_PROPERTY, "docker");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, ClusterBackend::selected);
        assertTrue(refused.getMessage().contains("'docker'") && refused.getMessage().contains("embedded, testcontainers"),
                refused.getMessage());
    }
}
