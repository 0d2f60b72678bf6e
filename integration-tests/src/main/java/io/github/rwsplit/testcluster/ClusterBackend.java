package io.github.rwsplit.testcluster;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Where the cluster's servers come from. */
enum ClusterBackend {

    /** MariaDB server binaries from Maven artifacts, one process per node: no Docker, no install. */
    EMBEDDED("embedded", ServerFamily.MARIADB),

    /** MySQL containers through Testcontainers (image chosen by {@value MySqlContainers#IMAGE_PROPERTY}); needs Docker. */
    TESTCONTAINERS("testcontainers", ServerFamily.MYSQL);

    private final String propertyValue;
    private final ServerFamily family;

    ClusterBackend(String propertyValue, ServerFamily family) {
        this.propertyValue = propertyValue;
        this.family = family;
    }

    ServerFamily family() {
        return family;
    }

    static ClusterBackend selected() {
        String value = System.getProperty(ReplicationCluster.BACKEND_PROPERTY, EMBEDDED.propertyValue).trim();
        if (value.isEmpty()) {
            return EMBEDDED;
        }
        return Arrays.stream(values())
                .filter(backend -> backend.propertyValue.equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown " + ReplicationCluster.BACKEND_PROPERTY
                        + " '" + value + "'; accepted: " + Arrays.stream(values())
                                .map(backend -> backend.propertyValue)
                                .collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return propertyValue;
    }
}
