package io.github.rwsplit.examples;

import io.github.rwsplit.testcluster.ServerVersion;
import java.util.Map;
import org.hibernate.cfg.AvailableSettings;

/**
 * What Hibernate must be told about the server to choose its dialect. Connector/J reports a MariaDB server as "MySQL"
 * 5.5.5 (MariaDB's handshake prefix), with or without rwsplit, so Hibernate would choose MySQLDialect for an
 * unsupported MySQL 5.5; naming the product and version makes it choose MariaDBDialect for the real version. Against
 * MySQL servers detection works and nothing is needed.
 */
public final class HibernateServerSettings {
    private HibernateServerSettings() {
    }

    /** Hibernate settings (keys without Spring's {@code spring.jpa.properties.} prefix) for this server. */
    public static Map<String, String> forServer(ServerVersion server) {
        return switch (server.family()) {
            case MARIADB -> Map.of(
                    AvailableSettings.JAKARTA_HBM2DDL_DB_NAME, "MariaDB",
                    AvailableSettings.JAKARTA_HBM2DDL_DB_MAJOR_VERSION, Integer.toString(server.major()),
                    AvailableSettings.JAKARTA_HBM2DDL_DB_MINOR_VERSION, Integer.toString(server.minor()));
            case MYSQL -> Map.of();
        };
    }
}
