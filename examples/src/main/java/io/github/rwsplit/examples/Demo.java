package io.github.rwsplit.examples;

import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.metrics.ClusterStats;
import io.github.rwsplit.metrics.NodeStats;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.io.PrintStream;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The quick start: starts a primary and two replicas (embedded MariaDB unless another backend is chosen), connects through rwsplit and runs a short
 * scripted workload, printing for every statement the node that served it, then each node's counts.
 */
public final class Demo {
    private static final List<String> SCRIPT = List.of(
            "CREATE TABLE orders (id INT AUTO_INCREMENT PRIMARY KEY, item VARCHAR(40), qty INT)",
            "INSERT INTO orders (item, qty) VALUES ('tea', 2), ('coffee', 1), ('cake', 3)",
            "SELECT COUNT(*) FROM orders",
            "SELECT item, qty FROM orders WHERE id = 1",
            "SELECT @@server_id",
            "SELECT @@server_id",
            "UPDATE orders SET qty = qty + 1 WHERE item = 'tea'",
            "SELECT qty FROM orders WHERE item = 'tea' FOR UPDATE",
            "/*rwsplit:primary*/ SELECT COUNT(*) FROM orders",
            "BEGIN",
            "INSERT INTO orders (item, qty) VALUES ('scone', 1)",
            "SELECT COUNT(*) FROM orders",
            "COMMIT",
            "START TRANSACTION READ ONLY",
            "SELECT SUM(qty) FROM orders",
            "SELECT MAX(id) FROM orders",
            "COMMIT",
            "SHOW TABLES",
            "SELECT item FROM orders ORDER BY id");

    private Demo() {
    }

    public static void main(String[] args) throws SQLException {
        try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
            System.out.println();
            System.out.println("Cluster (" + cluster.serverVersion() + ", GTID replication):");
            for (ClusterNode node : cluster.nodes()) {
                System.out.printf("  %-9s %s:%d  server_id=%d%s%n", node.name(), node.host(), node.port(),
                        node.serverId(), node.isReplica() ? "  read_only" : "");
            }
            String url = cluster.rwsplitUrl();
            System.out.println();
            System.out.println("URL: " + url.replace(cluster.appPassword(), "****"));
            try (RwSplitDataSource dataSource = new RwSplitDataSource(url)) {
                System.out.println();
                System.out.println("Statements through rwsplit, and where each one ran:");
                runScript(dataSource, System.out);
                printTotals(dataSource.getClusterStats());
            }
        }
    }

    /** One statement of the script and the role of the node that ran it ({@code null}: transaction control). */
    record Step(String sql, String servedBy) {
    }

    /** Runs the script on one connection, printing each statement and where it ran. */
    static List<Step> runScript(RwSplitDataSource dataSource, PrintStream out) throws SQLException {
        List<Step> steps = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : SCRIPT) {
                ClusterStats before = dataSource.getClusterStats();
                String answer = run(statement, sql);
                NodeStats servedBy = servedBy(before, dataSource.getClusterStats());
                out.printf("  %-66s -> %-8s %s%s%n", sql, servedBy == null ? "" : servedBy.role(),
                        servedBy == null ? "(transaction control)" : servedBy.node(),
                        answer.isEmpty() ? "" : "   = " + answer);
                steps.add(new Step(sql, servedBy == null ? null : servedBy.role()));
            }
        }
        return steps;
    }

    private static String run(Statement statement, String sql) throws SQLException {
        if (!statement.execute(sql)) {
            return "";
        }
        StringBuilder answer = new StringBuilder();
        try (ResultSet rows = statement.getResultSet()) {
            while (rows.next()) {
                answer.append(answer.length() == 0 ? "" : ", ").append(rows.getString(1));
            }
        }
        return answer.toString();
    }

    /** The node whose read or write count moved: rwsplit's own figures say where the statement ran. */
    private static NodeStats servedBy(ClusterStats before, ClusterStats after) {
        for (NodeStats node : after.nodes()) {
            NodeStats earlier = before.node(node.node());
            if (node.reads() + node.writes() > earlier.reads() + earlier.writes()) {
                return node;
            }
        }
        return null;
    }

    private static void printTotals(ClusterStats stats) {
        System.out.println();
        System.out.println("Per node:");
        System.out.printf("  %-22s %-8s %-6s %6s %7s%n", "node", "role", "state", "reads", "writes");
        for (NodeStats node : stats.nodes()) {
            System.out.printf("  %-22s %-8s %-6s %6d %7d%n", node.node(), node.role(), node.state(), node.reads(),
                    node.writes());
        }
        System.out.println();
    }
}
