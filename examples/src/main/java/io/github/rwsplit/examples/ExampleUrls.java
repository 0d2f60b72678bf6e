package io.github.rwsplit.examples;

import io.github.rwsplit.testcluster.ReplicationCluster;

/** rwsplit URLs of the embedded cluster, credentials left out: the examples pass them the way each framework does. */
public final class ExampleUrls {
    private ExampleUrls() {
    }

    /** {@code jdbc:rwsplit:mysql://primary,replica1,replica2/database?options}. */
    public static String rwsplit(ReplicationCluster cluster, String... options) {
        String url = "jdbc:rwsplit:mysql://" + cluster.hostList() + "/" + cluster.database();
        return options.length == 0 ? url : url + "?" + String.join("&", options);
    }
}
