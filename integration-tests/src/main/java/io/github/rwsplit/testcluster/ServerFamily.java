package io.github.rwsplit.testcluster;

/** The two server products whose replication rwsplit follows; SQL and replication statements differ between them. */
public enum ServerFamily {

    MARIADB("MariaDB"),

    MYSQL("MySQL");

    private final String productName;

    ServerFamily(String productName) {
        this.productName = productName;
    }

    /**
     * The family the selected backend ({@value ReplicationCluster#BACKEND_PROPERTY}) runs, known without starting a
     * cluster: the embedded backend runs MariaDB, the Testcontainers backend MySQL.
     */
    public static ServerFamily ofSelectedBackend() {
        return ClusterBackend.selected().family();
    }

    /** The product's own spelling, for messages. */
    public String productName() {
        return productName;
    }
}
