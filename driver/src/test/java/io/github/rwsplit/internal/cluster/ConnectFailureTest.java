package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** A node that cannot be reached is described by what went wrong, not only by Connector/J's headline. */
class ConnectFailureTest {
    private static final String HEADLINE = "Communications link failure";

    @Test
    void aFailedTlsHandshakeNamesTheCauseAndWhereToLook() {
        SQLException failure = new SQLException(HEADLINE + "\n\nThe last packet sent successfully...", "08S01",
                new RuntimeException("wrapped", new SSLHandshakeException("PKIX path building failed: unable to find"
                        + " valid certification path to requested target\nmore")));
        String detail = NodeProbe.connectFailure(failure);
        assertTrue(detail.startsWith(HEADLINE + ": TLS handshake failed: PKIX path building failed"), detail);
        assertTrue(detail.contains("trustCertificateKeyStoreUrl"), detail);
        assertTrue(!detail.contains("more"), detail);
    }

    @Test
    void otherFailuresKeepTheFirstLineOfTheirMessage() {
        assertEquals(HEADLINE, NodeProbe.connectFailure(new SQLException(HEADLINE + "\n\nmore", "08S01",
                new java.net.ConnectException("Connection refused"))));
    }
}
