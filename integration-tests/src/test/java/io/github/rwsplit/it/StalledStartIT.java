package io.github.rwsplit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rwsplit.testcluster.ReplicationCluster;
import io.github.rwsplit.testcluster.WithReplicationCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A cluster whose servers never answer holds up the connects that wait for it, and nobody else's. */
@WithReplicationCluster
class StalledStartIT {
    private static final Duration OTHERS_BOUND = Duration.ofSeconds(4);

    private final ReplicationCluster cluster;

    StalledStartIT(ReplicationCluster cluster) {
        this.cluster = cluster;
    }

    @Test
    void aConnectStuckOnASilentServerHoldsUpNoConnectOrCloseOfAnotherCluster() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            Connection heldOpen = DriverManager.getConnection(cluster.rwsplitUrl("clusterName=beside-stuck-held"));
            // monitorInterval=1m gives the first health round its longest deadline, 5 s.
            String stuckUrl = "jdbc:rwsplit:mysql://127.0.0.1:" + silent.port() + "/x?user=u&password=p"
                    + "&monitorInterval=1m";
            CompletableFuture<Connection> stuck = CompletableFuture.supplyAsync(() -> {
                try {
                    return DriverManager.getConnection(stuckUrl);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertTrue(silent.awaitFirstClient(Duration.ofSeconds(10)), "the stuck connect never reached the server");

            long started = System.nanoTime();
            // clusterLinger=0: every connect starts a cluster and every close ends one, the most work the registry does.
            String otherUrl = cluster.rwsplitUrl("clusterName=beside-stuck", "clusterLinger=0");
            for (int cycle = 0; cycle < 3; cycle++) {
                try (Connection connection = DriverManager.getConnection(otherUrl);
                     Statement statement = connection.createStatement();
                     ResultSet row = statement.executeQuery("SELECT 1")) {
                    assertTrue(row.next());
                }
            }
            heldOpen.close();
            Duration others = Duration.ofNanos(System.nanoTime() - started);

            assertTrue(others.compareTo(OTHERS_BOUND) < 0, "the other connects and closes took " + others);
            assertFalse(stuck.isDone(), "the stuck connect ended before the others were done: they did not run beside it");
            ExecutionException e = assertThrows(ExecutionException.class, () -> stuck.get(60, TimeUnit.SECONDS));
            SQLException failure = assertInstanceOf(SQLException.class, e.getCause().getCause());
            assertEquals("08001", failure.getSQLState());
        }
    }

    /** Accepts TCP connections on loopback and never sends a byte: a server that hangs before its greeting. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> clients = new CopyOnWriteArrayList<>();
        private final CountDownLatch firstClient = new CountDownLatch(1);
        private final Thread acceptor = new Thread(this::acceptForever, "silent-server");

        SilentServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        boolean awaitFirstClient(Duration timeout) throws InterruptedException {
            return firstClient.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void acceptForever() {
            try {
                while (true) {
                    clients.add(socket.accept());
                    firstClient.countDown();
                }
            } catch (IOException closed) {
                // close() ends the loop.
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
        }
    }
}
