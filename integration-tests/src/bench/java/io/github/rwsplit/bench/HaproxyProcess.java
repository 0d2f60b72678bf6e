package io.github.rwsplit.bench;

import io.github.rwsplit.testcluster.ClusterNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Debian's HAProxy on loopback, balancing TCP connections round robin over the replicas. */
final class HaproxyProcess implements AutoCloseable {
    private static final List<Path> CANDIDATES = List.of(Path.of("/usr/sbin/haproxy"), Path.of("/usr/bin/haproxy"),
            Path.of("/usr/local/sbin/haproxy"));

    private final Process process;
    private final int port;

    private HaproxyProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Path> executable() {
        return CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    }

    static HaproxyProcess start(Path executable, List<ClusterNode> replicas) throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        StringBuilder config = new StringBuilder("global\n  maxconn 4096\n"
                + "defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 1h\n  timeout server 1h\n"
                + "listen readers\n  bind 127.0.0.1:" + port + "\n  balance roundrobin\n");
        for (ClusterNode replica : replicas) {
            config.append("  server ").append(replica.name()).append(' ').append(replica.host()).append(':')
                    .append(replica.port()).append(" check\n");
        }
        Path file = Files.createTempFile("rwsplit-bench-haproxy", ".cfg");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(executable.toString(), "-db", "-f", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return new HaproxyProcess(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("haproxy exited with " + process.exitValue());
                }
                process.waitFor(50, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        process.destroyForcibly();
        throw new IOException("haproxy did not listen on port " + port);
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}
