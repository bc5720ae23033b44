package dev.runway.api.support;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Another platform service run from its executable jar as its own process on the test database, reached
 * over HTTP exactly as in production. The jar's path comes from a system property the build sets
 * ({@code runway.controller.jar}, {@code runway.gateway.jar}, {@code runway.slo.jar}).
 */
public final class ServiceProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;

    private ServiceProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Starts the service on {@code port}; {@link #awaitHealthy()} waits for it. */
    public static ServiceProcess start(String name, String jarProperty, int port, List<String> arguments)
            throws IOException {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException(name + "'s exec jar is missing (" + jarProperty + "=" + jar + ")");
        }
        TestDatabase db = TestDatabase.get();
        Path log = Path.of(System.getProperty("runway.test.workdir", "target"), name + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar,
                "--server.port=" + port,
                "--runway.internal-token=" + TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN,
                "--springdoc.api-docs.enabled=false"));
        command.addAll(arguments);
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PLATFORM_DB_URL", db.url());
        builder.environment().put("PLATFORM_DB_USER", db.user());
        builder.environment().put("PLATFORM_DB_PASSWORD", db.password());
        Process process = builder.start();
        // a test JVM that dies without running @AfterAll must not leave services behind
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ServiceProcess(name, process, port);
    }

    public ServiceProcess awaitHealthy() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited; see its log under target/");
            }
            try {
                if (client().get("/actuator/health").body().contains("\"UP\"")) {
                    return this;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(name + " did not become healthy; see its log under target/");
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public ServiceClient client() {
        return ServiceClient.at(url(), TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
