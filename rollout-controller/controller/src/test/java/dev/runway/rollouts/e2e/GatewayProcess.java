package dev.runway.rollouts.e2e;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The real traffic-gateway, run from its executable jar as its own process on the test database: the
 * controller reaches it over HTTP exactly as in production.
 */
public final class GatewayProcess implements AutoCloseable {
    private final Process process;
    private final int adminPort;
    private final int trafficPort;

    private GatewayProcess(Process process, int adminPort, int trafficPort) {
        this.process = process;
        this.adminPort = adminPort;
        this.trafficPort = trafficPort;
    }

    public static GatewayProcess start() throws IOException, InterruptedException {
        String jar = System.getProperty("runway.gateway.jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the gateway's exec jar is missing (runway.gateway.jar=" + jar + ")");
        }
        TestDatabase db = TestDatabase.get();
        int admin = freePort();
        int traffic = freePort();
        Path log = Path.of(System.getProperty("runway.test.workdir", "target"), "gateway-" + admin + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        jar,
                        "--server.port=" + admin,
                        "--runway.gateway.traffic-port=" + traffic,
                        "--runway.gateway.traffic-host=127.0.0.1",
                        "--runway.internal-token=" + TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN,
                        "--springdoc.api-docs.enabled=false"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PLATFORM_DB_URL", db.url());
        builder.environment().put("PLATFORM_DB_USER", db.user());
        builder.environment().put("PLATFORM_DB_PASSWORD", db.password());
        Process process = builder.start();
        GatewayProcess gateway = new GatewayProcess(process, admin, traffic);
        gateway.awaitHealthy(Duration.ofSeconds(90), log);
        return gateway;
    }

    private void awaitHealthy(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited; see " + log);
            }
            try {
                if (admin().get("/actuator/health").body().contains("\"UP\"")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException("the gateway did not become healthy within " + timeout + "; see " + log);
    }

    public ServiceClient admin() {
        return ServiceClient.at("http://127.0.0.1:" + adminPort, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + adminPort;
    }

    public String trafficUrl() {
        return "http://127.0.0.1:" + trafficPort;
    }

    /** SIGSTOP / SIGCONT: the gateway hangs without closing its sockets, as under a long GC pause. */
    void freeze(boolean frozen) throws IOException, InterruptedException {
        new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid()))
                .start()
                .waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
