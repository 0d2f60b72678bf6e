package io.github.rwsplit.testcluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.testcontainers.containers.Network;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/** One MySQL container; a kill is {@code docker kill}, a freeze is {@code docker pause}. */
final class MySqlContainerServer implements ServerProcess {

    private static final int MYSQL_PORT = 3306;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STATE_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Credentials admin = new Credentials("root", ClusterAccounts.newPassword());
    private final int hostPort;
    private final MySQLContainer container;
    private volatile boolean created;
    private volatile boolean frozen;

    MySqlContainerServer(String name, long serverId, DockerImageName image, Network network) {
        this.name = name;
        // A fixed host port: Docker would give a restarted container a new random one.
        this.hostPort = FreePort.pick();
        this.container = new MySQLContainer(image)
                .withUsername(admin.user())
                .withPassword(admin.password())
                .withNetwork(network)
                .withNetworkAliases(name)
                .withEnv("MYSQL_INITDB_SKIP_TZINFO", "1")
                .withStartupTimeout(START_TIMEOUT)
                .withCommand(
                        "--server-id=" + serverId,
                        "--log-bin=mysql-bin",
                        "--relay-log=relay-bin",
                        "--gtid-mode=ON",
                        "--enforce-gtid-consistency=ON",
                        "--log-replica-updates=ON",
                        "--relay-log-recovery=ON",
                        "--replica-net-timeout=10",
                        "--max-connections=500",
                        "--skip-name-resolve",
                        "--innodb-flush-log-at-trx-commit=2");
        container.setPortBindings(List.of(hostPort + ":" + MYSQL_PORT));
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return hostPort;
    }

    @Override
    public String sourceHost() {
        return name;
    }

    @Override
    public int sourcePort() {
        return MYSQL_PORT;
    }

    @Override
    public Credentials admin() {
        return admin;
    }

    @Override
    public String describe() {
        return created ? "container " + container.getContainerId().substring(0, 12) : "no container";
    }

    @Override
    public synchronized void start(BooleanSupplier acceptsConnections) {
        if (!created) {
            container.start(); // waits until MySQL accepts connections
            created = true;
            return;
        }
        if (isRunning()) {
            throw new IllegalStateException(name + " is running (" + describe() + ")");
        }
        docker().startContainerCmd(container.getContainerId()).exec();
        Poll.until(name + " accepts connections", START_TIMEOUT, acceptsConnections);
    }

    @Override
    public synchronized void kill() {
        if (!isRunning()) {
            return;
        }
        docker().killContainerCmd(container.getContainerId()).exec();
        Poll.until(name + "'s container is gone", STATE_TIMEOUT, () -> !isRunning());
        frozen = false;
    }

    @Override
    public synchronized void freeze() {
        if (!isRunning()) {
            throw new IllegalStateException(name + " is not running");
        }
        if (!frozen) {
            docker().pauseContainerCmd(container.getContainerId()).exec();
            frozen = true;
        }
    }

    @Override
    public synchronized void thaw() {
        if (frozen) {
            docker().unpauseContainerCmd(container.getContainerId()).exec();
            frozen = false;
        }
    }

    @Override
    public boolean isRunning() {
        if (!created) {
            return false;
        }
        ContainerState state = docker().inspectContainerCmd(container.getContainerId()).exec().getState();
        return Boolean.TRUE.equals(state.getRunning());
    }

    @Override
    public boolean isFrozen() {
        return frozen;
    }

    @Override
    public void destroy() {
        container.stop();
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }
}
