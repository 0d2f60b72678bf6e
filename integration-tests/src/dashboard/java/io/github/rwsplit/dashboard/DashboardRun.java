package io.github.rwsplit.dashboard;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import io.github.rwsplit.jdbc.RwSplitDataSource;
import io.github.rwsplit.micrometer.RwSplitMeterBinder;
import io.github.rwsplit.testcluster.ClusterNode;
import io.github.rwsplit.testcluster.ReplicationCluster;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * The run behind the dashboard picture: the embedded primary and two replicas under a steady mixed load, with the
 * meters of {@link RwSplitMeterBinder} served in Prometheus' text format for a Prometheus to scrape. Four phases of
 * equal length: steady; replica 2 delayed (lagging); replica 1 killed as well (no replica usable, reads fall back to
 * the primary); both back. Each phase start is printed as {@code PHASE <epoch seconds> <name>} so that a picture can
 * mark it. Before the load, a few scripted statements run with rwsplit's routing log at DEBUG, to show its lines.
 *
 * <p>Arguments: the metrics port, and the length of one phase in seconds.
 */
public final class DashboardRun {
    private static final int ROWS = 100;

    private DashboardRun() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Duration phase = Duration.ofSeconds(Long.parseLong(args[1]));
        try (ReplicationCluster cluster = ReplicationCluster.start(2)) {
            prepare(cluster);
            RwSplitDataSource dataSource = new RwSplitDataSource(cluster.rwsplitUrl("clusterName=shop",
                    "maxReplicationLag=2s", "pool.maximumPoolSize=8", "pool.minimumIdle=2"));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new RwSplitMeterBinder(dataSource).bindTo(registry);
            HttpServer server = serve(registry, port);
            try {
                showRoutingLog(dataSource);
                runPhases(cluster, dataSource, phase);
            } finally {
                server.stop(0);
                dataSource.close();
            }
        }
    }

    private static void prepare(ReplicationCluster cluster) throws SQLException {
        try (Connection connection = java.sql.DriverManager.getConnection(cluster.rwsplitUrl());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS stock (id INT PRIMARY KEY, qty INT NOT NULL)");
            statement.execute("DELETE FROM stock");
            StringBuilder insert = new StringBuilder("INSERT INTO stock VALUES ");
            for (int id = 1; id <= ROWS; id++) {
                insert.append(id == 1 ? "" : ",").append('(').append(id).append(",100)");
            }
            statement.execute(insert.toString());
        }
        cluster.awaitReplication(Duration.ofSeconds(30));
    }

    private static HttpServer serve(PrometheusMeterRegistry registry, int port) throws java.io.IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("metrics on http://127.0.0.1:" + port + "/metrics");
        return server;
    }

    /** One statement of each everyday kind, with the routing log at DEBUG, as a team would look at it. */
    private static void showRoutingLog(RwSplitDataSource dataSource) throws SQLException {
        ch.qos.logback.classic.Logger routing =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.github.rwsplit");
        routing.setLevel(Level.DEBUG);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT qty FROM stock WHERE id = 1").close();
            statement.executeUpdate("UPDATE stock SET qty = qty - 1 WHERE id = 1");
            statement.executeQuery("SELECT qty FROM stock WHERE id = 1").close();
            statement.executeQuery("SELECT qty FROM stock WHERE id = 2 FOR UPDATE").close();
            statement.executeQuery("/*rwsplit:primary*/ SELECT qty FROM stock WHERE id = 3").close();
            statement.execute("SET @batch = 7");
            statement.execute("CREATE TEMPORARY TABLE picked (id INT)");
            statement.executeQuery("SELECT COUNT(*) FROM picked").close();
            statement.executeQuery("SELECT COUNT(*) FROM stock").close();
        } finally {
            routing.setLevel(null);
        }
    }

    private static void runPhases(ReplicationCluster cluster, RwSplitDataSource dataSource, Duration phase)
            throws InterruptedException {
        ClusterNode replica1 = cluster.replicas().get(0);
        ClusterNode replica2 = cluster.replicas().get(1);
        AtomicLong errors = new AtomicLong();
        long end = System.nanoTime() + phase.multipliedBy(4).toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            workers.add(start("reader-" + i, () -> readLoop(dataSource, end, errors)));
        }
        workers.add(start("writer", () -> writeLoop(dataSource, end, errors)));
        workers.add(start("pinned", () -> pinnedLoop(dataSource, end, errors)));
        mark("steady");
        Thread.sleep(phase.toMillis());
        mark("replica2-delayed");
        replica2.setReplicationDelay(30);
        Thread.sleep(phase.toMillis());
        mark("replica1-killed");
        replica1.kill();
        Thread.sleep(phase.toMillis());
        mark("both-back");
        replica1.restart();
        replica2.setReplicationDelay(0);
        for (Thread worker : workers) {
            worker.join();
        }
        mark("end");
        System.out.println("errors seen by the application: " + errors.get());
        System.out.println(dataSource.getClusterStats());
    }

    private static Thread start(String name, Runnable loop) {
        Thread thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void mark(String phase) {
        System.out.println("PHASE " + System.currentTimeMillis() / 1000 + " " + phase);
    }

    private static void readLoop(RwSplitDataSource dataSource, long end, AtomicLong errors) {
        while (System.nanoTime() < end) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement select = connection.prepareStatement("SELECT qty FROM stock WHERE id = ?")) {
                for (int i = 0; i < 50 && System.nanoTime() < end; i++) {
                    select.setInt(1, 1 + ThreadLocalRandom.current().nextInt(ROWS));
                    try (ResultSet rows = select.executeQuery()) {
                        rows.next();
                    }
                    pause(5);
                }
            } catch (SQLException e) {
                errors.incrementAndGet();
                pause(100);
            }
        }
    }

    /** A write and, on the same connection, a read that must see it (read-your-writes). */
    private static void writeLoop(RwSplitDataSource dataSource, long end, AtomicLong errors) {
        while (System.nanoTime() < end) {
            int id = 1 + ThreadLocalRandom.current().nextInt(ROWS);
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement update = connection.prepareStatement("UPDATE stock SET qty = qty + 1 WHERE id = ?");
                 PreparedStatement select = connection.prepareStatement("SELECT qty FROM stock WHERE id = ?")) {
                update.setInt(1, id);
                update.executeUpdate();
                select.setInt(1, id);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                }
            } catch (SQLException e) {
                errors.incrementAndGet();
            }
            pause(40);
        }
    }

    /** Reads of a temporary table, which only the primary session holding it can serve. */
    private static void pinnedLoop(RwSplitDataSource dataSource, long end, AtomicLong errors) {
        while (System.nanoTime() < end) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMPORARY TABLE picked (id INT)");
                for (int i = 0; i < 20 && System.nanoTime() < end; i++) {
                    statement.executeQuery("SELECT COUNT(*) FROM picked").close();
                    pause(100);
                }
            } catch (SQLException e) {
                errors.incrementAndGet();
                pause(100);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
