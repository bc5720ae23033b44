package dev.runway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.db.DatabaseBootstrap;
import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.support.Eventually;
import dev.runway.gateway.support.GatewayInstance;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fail static: PostgreSQL stopped mid-test. Runs against its own embedded PostgreSQL (not the shared one of
 * the test JVM) so that it can stop and restart it on the same port and data.
 */
class FailStaticIT {
    static final Path ROOT =
            Path.of(System.getProperty("runway.test.workdir", "target")).resolve("fail-static-pg");
    static int port;
    static EmbeddedPostgres postgres;
    static GatewayInstance gateway;
    static DemoWorkload v1;
    static DemoWorkload v2;

    @BeforeAll
    static void start() throws Exception {
        deleteRecursively(ROOT);
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        postgres = startPostgres();
        DatabaseBootstrap.prepare(
                postgres.getJdbcUrl("postgres", "postgres"),
                "postgres",
                "postgres",
                "runway",
                "runway_app",
                "runway_app");
        v1 = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        v2 = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        v1.start();
        v2.start();
        gateway = GatewayInstance.start(appUrl(), "runway_app", "runway_app", "--runway.gateway.sync.max-backoff=PT1S");
    }

    @AfterAll
    static void stop() throws IOException {
        if (gateway != null) {
            gateway.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        v1.stop();
        v2.stop();
    }

    static EmbeddedPostgres startPostgres() throws IOException {
        Files.createDirectories(ROOT.resolve("work"));
        return EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(ROOT.resolve("work").toFile())
                .setDataDirectory(ROOT.resolve("data"))
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }

    static String appUrl() {
        return "jdbc:postgresql://localhost:" + port + "/runway";
    }

    static String health(ServiceClient admin) {
        return admin.get("/actuator/health").body();
    }

    @Test
    void withPostgresqlStoppedTrafficFlowsOnTheLastTableAndTheChangeStreamResumesWhenItReturns() throws Exception {
        ServiceClient admin = ServiceClient.at(
                "http://127.0.0.1:" + gateway.adminPort(), TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
        var created = admin.post(
                "/api/v1/routes",
                "{\"id\":\"static\",\"pathPrefix\":\"/api\",\"stable\":[\"http://127.0.0.1:" + v1.port() + "\"],"
                        + "\"canary\":[\"http://127.0.0.1:" + v2.port() + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        TrafficClient user = new TrafficClient(gateway.trafficPort(), "any.test");
        assertThat(user.get("/api/price").version()).isEqualTo("v1");
        assertThat(health(admin)).contains("\"mode\":\"LIVE\"");

        postgres.close();
        Eventually.within(
                Duration.ofSeconds(10), () -> health(admin).contains("\"mode\":\"STATIC\""), () -> health(admin));
        assertThat(health(admin)).contains("\"status\":\"UP\"", "last good table");
        for (int i = 0; i < 50; i++) {
            var response = user.get("/api/price?sku=S" + i);
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.version()).isEqualTo("v1");
        }
        var refused = admin.put("/api/v1/routes/static/weight", "{\"canaryWeight\":10000}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.isProblem()).isTrue();

        postgres = startPostgres();
        Eventually.within(
                Duration.ofSeconds(15), () -> health(admin).contains("\"mode\":\"LIVE\""), () -> health(admin));
        // Another replica's change, made straight in the store: only the resumed stream can bring it here.
        try (var connection = DriverManager.getConnection(appUrl(), "runway_app", "runway_app")) {
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("UPDATE traffic.routes SET spec = jsonb_set(spec, '{canaryWeight}', '10000')"
                        + " WHERE id = 'static'");
                statement.execute("SELECT pg_notify('traffic_changes', 'route:static')");
            }
            connection.commit();
        }
        Eventually.within(
                Duration.ofSeconds(2),
                () -> "v2".equals(user.get("/api/price").version()),
                () -> "change not received");
    }

    /**
     * A database that stops answering without closing its sockets (frozen, or cut off by the network) is the
     * case a stopped one does not cover: a statement on an open connection then waits in a socket read. The
     * admin call must still fail with a 503 (the pool's socket timeout), not hang, and traffic must flow.
     */
    @Test
    void withPostgresqlFrozenAnAdminWriteFailsWithA503InsteadOfHanging() throws Exception {
        ServiceClient admin = ServiceClient.at(
                "http://127.0.0.1:" + gateway.adminPort(), TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
        Eventually.within(
                Duration.ofSeconds(15), () -> health(admin).contains("\"mode\":\"LIVE\""), () -> health(admin));
        var created = admin.post(
                "/api/v1/routes",
                "{\"id\":\"frozen\",\"host\":\"frozen.test\",\"pathPrefix\":\"/api\","
                        + "\"stable\":[\"http://127.0.0.1:" + v1.port() + "\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        TrafficClient user = new TrafficClient(gateway.trafficPort(), "frozen.test");

        signalPostgres("-STOP");
        try {
            var refused = admin.put("/api/v1/routes/frozen/weight", "{\"canaryWeight\":0}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.isProblem()).isTrue();
            assertThat(user.get("/api/price").version()).isEqualTo("v1");
        } finally {
            signalPostgres("-CONT");
        }
        Eventually.within(
                Duration.ofSeconds(30), () -> health(admin).contains("\"mode\":\"LIVE\""), () -> health(admin));
        var accepted = admin.put("/api/v1/routes/frozen/weight", "{\"canaryWeight\":0}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    /** Sends a signal to this test's own PostgreSQL: its postmaster (from postmaster.pid) and every child. */
    static void signalPostgres(String signal) throws IOException, InterruptedException {
        long postmaster = Long.parseLong(Files.readAllLines(ROOT.resolve("data").resolve("postmaster.pid"))
                .getFirst()
                .trim());
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(postmaster)));
        ProcessHandle.of(postmaster).orElseThrow().descendants().forEach(p -> command.add(Long.toString(p.pid())));
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertThat(kill.waitFor()).as("kill " + signal).isZero();
    }

    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
