package io.github.rwsplit.testcluster;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.utility.DockerImageName;

/** MySQL servers in Docker containers on a network of their own; replicas reach the primary by its name. */
final class MySqlContainers implements ServerLauncher {

    /** System property that picks the image, e.g. {@code mysql:8.0}, {@code mysql:8.4}, {@code mysql:9}. */
    static final String IMAGE_PROPERTY = "rwsplit.it.mysql.image";

    static final String DEFAULT_IMAGE = "mysql:8.4";

    private final DockerImageName image;
    private final Network network;

    private MySqlContainers(DockerImageName image) {
        this.image = image;
        this.network = Network.newNetwork();
    }

    /**
     * Checks for a Docker engine first: without one, Testcontainers would fail later and less clearly, once per
     * container.
     *
     * @throws ClusterException when no Docker engine answers
     */
    static MySqlContainers prepare() {
        DockerImageName image = selectedImage();
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new ClusterException("the " + ClusterBackend.TESTCONTAINERS + " backend (" + image + ") needs a"
                    + " Docker engine, and Testcontainers found none: start Docker or set DOCKER_HOST, or leave out -D"
                    + ReplicationCluster.BACKEND_PROPERTY + " to run the embedded MariaDB cluster, which needs no"
                    + " Docker");
        }
        return new MySqlContainers(image);
    }

    /** The image named by {@value #IMAGE_PROPERTY}; any registry's MySQL image will do. */
    static DockerImageName selectedImage() {
        String name = System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE).trim();
        return DockerImageName.parse(name.isEmpty() ? DEFAULT_IMAGE : name).asCompatibleSubstituteFor("mysql");
    }

    @Override
    public String description() {
        return "MySQL containers (" + image + ")";
    }

    @Override
    public ReplicationDialect dialect() {
        return new MySqlDialect();
    }

    @Override
    public ServerProcess create(String name, long serverId) {
        return new MySqlContainerServer(name, serverId, image, network);
    }

    @Override
    public void close() {
        network.close();
    }
}
