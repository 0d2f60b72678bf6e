package io.github.rwsplit.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks against sockets, no server: a port nobody listens on is a refusal (down at once), a server that accepts and
 * never speaks is silence (a missed check, suspect), and a round's deadline counts that silence only once.
 */
class CheckOutcomeTest {
    private final StubCluster stubs = StubCluster.of("jdbc:rwsplit:mysql://p,r1/app");
    private final List<Socket> accepted = new ArrayList<>();
    private ServerSocket silent;

    @AfterEach
    void close() throws IOException {
        stubs.close();
        if (silent != null) {
            silent.close();
        }
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private NodeProbe probe(Node node, int port, long timeoutMillis) {
        Properties properties = new Properties();
        properties.setProperty("user", "monitor");
        properties.setProperty("connectTimeout", Long.toString(timeoutMillis));
        properties.setProperty("socketTimeout", Long.toString(timeoutMillis));
        return new NodeProbe(node, "jdbc:mysql://127.0.0.1:" + port + "/app", properties, new LagPolicy(0, null),
                false, false);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A server that accepts connections and never sends its greeting, as a frozen mysqld does. */
    private int silentPort() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket socket = silent.accept();
                    synchronized (accepted) {
                        accepted.add(socket);
                    }
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return silent.getLocalPort();
    }

    @Test
    void aPortNobodyListensOnIsARefusal() throws IOException {
        CheckOutcome outcome = probe(stubs.node("r1").node(), closedPort(), 2_000).check(false);
        assertEquals(CheckOutcome.Kind.REFUSED, outcome.kind());
    }

    @Test
    void aServerThatNeverAnswersIsAMissedCheck() throws IOException {
        CheckOutcome outcome = probe(stubs.node("r1").node(), silentPort(), 300).check(false);
        assertEquals(CheckOutcome.Kind.MISSED, outcome.kind(), outcome.detail());
    }

    @Test
    void aSilentReplicaIsSuspectAndItsOwnTimeoutIsNotASecondMiss() throws Exception {
        Node replica = stubs.node("r1").node();
        CheckRun run = new CheckRun(stubs.cluster(), probe(replica, silentPort(), 500));
        Thread checker = new Thread(run::run);
        checker.start();
        run.await(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), 50);
        assertEquals(NodeStatus.SUSPECT, replica.health().status());
        checker.join(5_000);
        assertEquals(1, replica.liveness().misses());
        assertEquals(NodeStatus.SUSPECT, replica.health().status());
    }

    @Test
    void aRefusedCheckMakesTheNodeDownBeforeAnyDeadline() throws Exception {
        Node replica = stubs.node("r1").node();
        CheckRun run = new CheckRun(stubs.cluster(), probe(replica, closedPort(), 2_000));
        run.run();
        run.await(System.nanoTime(), 1_000);
        assertEquals(NodeStatus.DOWN, replica.health().status());
        assertEquals(0, replica.liveness().misses());
    }
}
