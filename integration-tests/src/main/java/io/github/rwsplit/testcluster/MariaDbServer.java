package io.github.rwsplit.testcluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One mariadbd process that this JVM started, owns and signals. */
final class MariaDbServer implements ServerProcess {

    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SIGNAL_TIMEOUT = Duration.ofSeconds(10);
    private static final long READY_CHECK_INTERVAL_MS = 50;
    /** A free port can be taken by another process before the server binds it; then it gets another. */
    private static final int PORT_ATTEMPTS = 3;
    private static final String HOST = "127.0.0.1";

    private final String name;
    private final long serverId;
    private final MariaDbBinaries binaries;
    private final Path dir;
    private final ServerLog errorLog;
    private final Credentials admin;
    private final List<String> extraOptions;
    private volatile int port;
    private volatile boolean everStarted;
    private volatile Process process;
    private volatile boolean frozen;

    MariaDbServer(String name, long serverId, MariaDbBinaries binaries, Path dir, Credentials admin,
                  List<String> extraOptions) {
        this.name = name;
        this.serverId = serverId;
        this.binaries = binaries;
        this.dir = dir;
        this.errorLog = new ServerLog(dir.resolve("mariadbd.err"));
        this.admin = admin;
        this.extraOptions = List.copyOf(extraOptions);
        this.port = FreePort.pick();
    }

    @Override
    public String host() {
        return HOST;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String sourceHost() {
        return HOST;
    }

    @Override
    public int sourcePort() {
        return port;
    }

    @Override
    public Credentials admin() {
        return admin;
    }

    @Override
    public String describe() {
        Process current = process;
        return current != null && current.isAlive() ? "pid " + current.pid() : "not running";
    }

    @Override
    public synchronized void start(BooleanSupplier acceptsConnections) {
        if (isRunning()) {
            throw new IllegalStateException(name + " is running (" + describe() + ")");
        }
        for (int attempt = 1; ; attempt++) {
            long logStart = errorLog.end();
            Process started = launch();
            if (awaitReady(started, acceptsConnections)) {
                everStarted = true;
                return;
            }
            boolean portTaken = errorLog.since(logStart).contains("Address already in use");
            if (portTaken && !everStarted && attempt < PORT_ATTEMPTS) {
                int taken = port;
                port = FreePort.pick();
                log.warn("{}: port {} was taken before mariadbd bound it; trying port {}", name, taken, port);
                continue;
            }
            throw new ClusterException(name + ": mariadbd exited with status " + started.exitValue()
                    + " while starting on port " + port + "; its error log ends:" + System.lineSeparator()
                    + errorLog.tail());
        }
    }

    private Process launch() {
        List<String> arguments = new ArrayList<>(List.of(
                "--datadir=" + dir.resolve("data"),
                "--tmpdir=" + dir.resolve("tmp"),
                "--port=" + port,
                "--bind-address=" + HOST,
                "--skip-name-resolve",
                "--socket=" + dir.resolve("mariadbd.sock"),
                "--pid-file=" + dir.resolve("mariadbd.pid"),
                "--log-error=" + errorLog.file(),
                "--server-id=" + serverId,
                "--log-bin=mariadb-bin",
                "--relay-log=relay-bin",
                "--binlog-format=ROW",
                "--log-slave-updates",
                // A replica killed mid-apply refetches from its crash-safe GTID position instead of
                // trusting a half-written relay log.
                "--relay-log-recovery",
                // Replicas notice a frozen primary within seconds instead of the default minute.
                "--slave-net-timeout=10",
                "--max-connections=500",
                "--character-set-server=utf8mb4",
                "--innodb-buffer-pool-size=32M",
                "--innodb-log-file-size=" + EmbeddedMariaDb.REDO_LOG_SIZE,
                // Survives a killed process (the tests' fault), not a lost machine; saves an fsync per commit.
                "--innodb-flush-log-at-trx-commit=2"));
        if (extraOptions.stream().noneMatch(option -> option.startsWith("--ssl"))) {
            // Without certificates of its own, MariaDB 11.4+ makes a 4096-bit RSA key at every start: tens of seconds
            // of CPU on a busy machine, for TLS that only TLS tests use, and they bring their own certificates.
            arguments.add("--skip-ssl");
        }
        arguments.addAll(extraOptions);
        try {
            Process started = binaries.processBuilder(arguments)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(dir.resolve("mariadbd.out").toFile()))
                    .start();
            process = started;
            frozen = false;
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot run " + binaries.server(), e);
        }
    }

    /** {@code true} once it accepts connections; {@code false} if it exited first. */
    private boolean awaitReady(Process started, BooleanSupplier acceptsConnections) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (!acceptsConnections.getAsBoolean()) {
                // Waiting for the process to exit is both the pause between checks and the crash detector.
                if (started.waitFor(READY_CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS)) {
                    return false;
                }
                if (System.nanoTime() - deadline > 0) {
                    started.destroyForcibly().waitFor();
                    throw new ClusterException(name + ": mariadbd did not accept connections on port " + port
                            + " within " + START_TIMEOUT.toSeconds() + " s; its error log ends:"
                            + System.lineSeparator() + errorLog.tail());
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new ClusterException(name + ": interrupted while starting", e);
        }
    }

    @Override
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroyForcibly(); // SIGKILL, which also ends a stopped process
        try {
            current.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(name + ": interrupted waiting for pid " + current.pid() + " to die", e);
        }
        frozen = false;
    }

    @Override
    public synchronized void freeze() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        if (frozen) {
            return;
        }
        signal("STOP");
        Poll.until(name + " is stopped", SIGNAL_TIMEOUT, () -> processState() == 'T');
        frozen = true;
    }

    @Override
    public synchronized void thaw() {
        if (!frozen) {
            return;
        }
        signal("CONT");
        Poll.until(name + " runs again", SIGNAL_TIMEOUT, () -> processState() != 'T');
        frozen = false;
    }

    @Override
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    @Override
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    public void destroy() {
        kill();
    }

    /** Java has no API for SIGSTOP and SIGCONT; kill(1) does. */
    private void signal(String signal) {
        long pid = process.pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new ClusterException(name + ": kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException(name + ": interrupted sending SIG" + signal, e);
        }
    }

    /** The scheduler state letter from /proc/PID/stat: 'T' while stopped by a signal. */
    private char processState() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The command name sits in parentheses and may itself contain spaces or parentheses.
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read the state of pid " + process.pid(), e);
        }
    }
}
