package dev.runway.rollouts.e2e;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A rollout-controller replica as its own process (this test JVM's class path), so that a test can kill it
 * with SIGKILL — no shutdown hook, no graceful stop, exactly like a crashed pod.
 */
final class ControllerProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private ControllerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ControllerProcess start(String gatewayAdminUrl, String name) throws IOException, InterruptedException {
        TestDatabase db = TestDatabase.get();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of(
                System.getProperty("runway.test.workdir", "target"), "controller-" + name + "-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.runway.rollouts.RolloutControllerApplication",
                        "--server.port=" + port,
                        "--runway.internal-token=" + TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN,
                        "--runway.rollouts.gateway-admin-url=" + gatewayAdminUrl,
                        "--runway.rollouts.reconcile.interval=PT0.5S",
                        "--springdoc.api-docs.enabled=false"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("PLATFORM_DB_URL", db.url());
        builder.environment().put("PLATFORM_DB_USER", db.user());
        builder.environment().put("PLATFORM_DB_PASSWORD", db.password());
        ControllerProcess controller = new ControllerProcess(builder.start(), port);
        controller.awaitHealthy(Duration.ofSeconds(120), log);
        return controller;
    }

    private void awaitHealthy(Duration timeout, Path log) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the controller exited; see " + log);
            }
            try {
                if (client().get("/actuator/health").body().contains("\"UP\"")) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        kill();
        throw new IllegalStateException("the controller did not become healthy within " + timeout + "; see " + log);
    }

    ServiceClient client() {
        return ServiceClient.at("http://127.0.0.1:" + port, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    /** Whether this replica holds the leader lock, from its health details. */
    boolean leads() {
        try {
            return client().get("/actuator/health").body().contains("\"leader\":true");
        } catch (IllegalStateException down) {
            return false;
        }
    }

    /** SIGKILL: the process gets no chance to clean up, release locks or finish a step. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
