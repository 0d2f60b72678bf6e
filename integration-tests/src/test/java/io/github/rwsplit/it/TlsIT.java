package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.OnlyOn;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.ServerFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connector/J's TLS properties reach every node's pool and the health monitor. A cluster of its own, whose
 * servers present a certificate from a test authority and whose application user must connect over TLS
 * ({@code REQUIRE SSL}), so that any connection without TLS, the monitor's included, would be refused. MariaDB only:
 * the embedded backend's servers read certificate files from this machine's disk, which containers would not see.
 */
@OnlyOn(ServerFamily.MARIADB)
class TlsIT {
    private static final String TRUST_STORE_PASSWORD = "trust-store-pw";
    private static final String CIPHER_QUERY = "SELECT @@server_id, VARIABLE_VALUE FROM information_schema.SESSION_STATUS"
            + " WHERE VARIABLE_NAME = 'SSL_CIPHER'";

    private static Path dir;
    private static Path trustedStore;
    private static Path otherAuthorityStore;
    private static ReplicationCluster cluster;

    @BeforeAll
    static void startClusterWithTls() throws Exception {
        dir = Files.createTempDirectory("rwsplit-tls-");
        TestCertificates.Issued authority = TestCertificates.authority("rwsplit test CA");
        TestCertificates.Issued server = TestCertificates.server(authority);
        trustedStore = TestCertificates.trustStore(dir.resolve("trusted.p12"), TRUST_STORE_PASSWORD,
                authority.certificate());
        otherAuthorityStore = TestCertificates.trustStore(dir.resolve("other.p12"), TRUST_STORE_PASSWORD,
                TestCertificates.authority("some other CA").certificate());
        cluster = ReplicationCluster.start(2, List.of(
                "--ssl-ca=" + TestCertificates.writePem(dir.resolve("ca.pem"), authority.certificate()),
                "--ssl-cert=" + TestCertificates.writePem(dir.resolve("server-cert.pem"), server.certificate()),
                "--ssl-key=" + TestCertificates.writePem(dir.resolve("server-key.pem"), server.keys().getPrivate())));
        try (Connection admin = cluster.primary().adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER USER '" + cluster.appUser() + "'@'%' REQUIRE SSL");
            statement.execute("CREATE TABLE tls_probe (id INT PRIMARY KEY)");
        }
        cluster.awaitReplication(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static String url(Path trustStore, String... options) {
        List<String> all = new ArrayList<>(List.of("sslMode=VERIFY_CA",
                "trustCertificateKeyStoreUrl=" + trustStore.toUri(), "trustCertificateKeyStoreType=PKCS12",
                "trustCertificateKeyStorePassword=" + TRUST_STORE_PASSWORD));
        all.addAll(List.of(options));
        return cluster.rwsplitUrl(all.toArray(String[]::new));
    }

    @Test
    void everyServerHasTls() throws SQLException {
        for (ClusterNode node : cluster.nodes()) {
            try (Connection admin = node.adminConnection(); Statement statement = admin.createStatement();
                 ResultSet row = statement.executeQuery("SHOW VARIABLES LIKE 'have_ssl'")) {
                assertTrue(row.next());
                assertEquals("YES", row.getString(2), node.name());
            }
        }
    }

    @Test
    void verifyCaWithTheRightTrustStoreEncryptsReadsWritesAndMonitoringOnEveryNode() throws SQLException {
        try (RwSplitDataSource dataSource = new RwSplitDataSource(url(trustedStore, "clusterName=tls"));
             Connection connection = dataSource.getConnection()) {
            Map<ClusterNode, String> ciphers = new HashMap<>();
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO tls_probe VALUES (1)");
                connection.setAutoCommit(false);
                statement.executeUpdate("INSERT INTO tls_probe VALUES (2)");
                record(ciphers, statement, CIPHER_QUERY);
                connection.rollback();
                connection.setAutoCommit(true);
                record(ciphers, statement, "/*rwsplit:primary*/ " + CIPHER_QUERY);
            }
            try (Connection reader = dataSource.getConnection(); Statement statement = reader.createStatement()) {
                for (int i = 0; i < 2 * cluster.replicas().size(); i++) {
                    record(ciphers, statement, CIPHER_QUERY);
                }
            }
            assertEquals(cluster.nodes().size(), ciphers.size(), "nodes that served a statement: " + ciphers);
            ciphers.forEach((node, cipher) -> assertFalse(cipher.isBlank(), node.name() + " without TLS"));
            // The application user may connect only over TLS, so the monitor's checks succeeded over TLS too.
            for (NodeStats node : dataSource.getClusterStats().nodes()) {
                assertEquals("up", node.state(), node.node() + ": " + node.detail());
            }
        }
    }

    private static void record(Map<ClusterNode, String> ciphers, Statement statement, String sql)
            throws SQLException {
        try (ResultSet row = statement.executeQuery(sql)) {
            assertTrue(row.next(), sql);
            ciphers.put(cluster.nodeByServerId(row.getLong(1)), row.getString(2));
        }
    }

    @Test
    void aTrustStoreOfAnotherAuthorityFailsAtConnectNamingTheCertificateProblem() {
        SQLException e = assertThrows(SQLException.class,
                () -> new RwSplitDataSource(url(otherAuthorityStore, "clusterName=tls-other-ca")).getConnection());
        assertTrue(e.getSQLState().startsWith("08"), e.getSQLState() + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(cluster.primary().host() + ":" + cluster.primary().port()), e.getMessage());
        assertTrue(e.getMessage().contains("certificate"), e.getMessage());
    }

    @Test
    void withoutTlsTheApplicationUserIsRefused() {
        SQLException e = assertThrows(SQLException.class,
                () -> new RwSplitDataSource(cluster.rwsplitUrl("sslMode=DISABLED", "clusterName=tls-off"))
                        .getConnection());
        assertEquals("28000", e.getSQLState(), e.getMessage());
    }
}
