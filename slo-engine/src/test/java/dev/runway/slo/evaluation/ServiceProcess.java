package dev.runway.slo.evaluation;

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
 * Another platform service run from its executable jar, in a process of its own on the test database, reached
 * over HTTP only, as in production. The jar's path comes from the build ({@code runway.<name>.jar}).
 */
final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar named by system property {@code runway.<name>.jar} with {@code --server.port=port} and
     * the given arguments, and waits until its health is UP.
     */
    static ServiceProcess start(String name, int port, String... arguments) throws IOException, InterruptedException {
        String jar = System.getProperty("runway." + name + ".jar");
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException(
                    "the " + name + " exec jar is missing (runway." + name + ".jar=" + jar + ")");
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
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PLATFORM_DB_URL", db.url());
        builder.environment().put("PLATFORM_DB_USER", db.user());
        builder.environment().put("PLATFORM_DB_PASSWORD", db.password());
        ServiceProcess started = new ServiceProcess(builder.start(), port, log);
        started.awaitHealthy(Duration.ofSeconds(120));
        return started;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    ServiceClient client() {
        return ServiceClient.at("http://127.0.0.1:" + port, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited; see " + log);
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
        close();
        throw new IllegalStateException("not healthy within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
