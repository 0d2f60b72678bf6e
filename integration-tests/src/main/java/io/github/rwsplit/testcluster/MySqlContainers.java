package io.github.rwsplit.testcluster;

import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/** MySQL servers in Docker containers on a network of their own; replicas reach the primary by its name. */
final class MySqlContainers implements ServerLauncher {

    static final DockerImageName IMAGE = DockerImageName.parse("mysql:8.4");

    private final Network network = Network.newNetwork();

    @Override
    public String description() {
        return "MySQL containers (" + IMAGE + ")";
    }

    @Override
    public ReplicationDialect dialect() {
        return new MySqlDialect();
    }

    @Override
    public ServerProcess create(String name, long serverId) {
        return new MySqlContainerServer(name, serverId, network);
    }

    @Override
    public void close() {
        network.close();
    }
}
