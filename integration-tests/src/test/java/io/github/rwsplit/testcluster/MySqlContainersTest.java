package io.github.rwsplit.testcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

class MySqlContainersTest {

    private String chosenForThisRun;

    @BeforeEach
    void clearProperty() {
        chosenForThisRun = System.clearProperty(MySqlContainers.IMAGE_PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (chosenForThisRun == null) {
            System.clearProperty(MySqlContainers.IMAGE_PROPERTY);
        } else {
            System.setProperty(MySqlContainers.IMAGE_PROPERTY, chosenForThisRun);
        }
    }

    @Test
    void mySql84IsTheDefaultImage() {
        assertEquals("mysql:8.4", MySqlContainers.selectedImage().asCanonicalNameString());
    }

    @Test
    void theImageIsChosenByTheSystemProperty() {
        System.setProperty(MySqlContainers.IMAGE_PROPERTY, "mysql:9");

        assertEquals("mysql:9", MySqlContainers.selectedImage().asCanonicalNameString());
    }

    @Test
    void withoutDockerTheBackendFailsAtOnceSayingHowToRunWithoutIt() {
        assumeFalse(DockerClientFactory.instance().isDockerAvailable(), "a Docker engine answers on this machine");
        long started = System.nanoTime();

        ClusterException refused = assertThrows(ClusterException.class, MySqlContainers::prepare);

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(Duration.ofSeconds(30)) < 0, "took " + took);
        assertTrue(refused.getMessage().contains("needs a Docker engine")
                && refused.getMessage().contains(ReplicationCluster.BACKEND_PROPERTY), refused.getMessage());
    }
}
