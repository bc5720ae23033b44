package dev.runway.testkit;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the platform's services as its own operating-system process on the test database, reached over real
 * HTTP exactly as in production, and killable with SIGKILL or frozen with SIGSTOP like a crashed or stalled
 * pod. Start it from a service's executable jar (a test-scoped {@code exec} dependency whose path the module's
 * surefire configuration passes as a system property) or from a main class on this JVM's class path.
 *
 * <pre>{@code
 * try (ServiceProcess gateway = ServiceProcess.fromJarProperty("runway.gateway.jar", "gateway")
 *         .arg("--runway.gateway.traffic-port=" + ServiceProcess.freePort())
 *         .start()) { ... gateway.client().get("/api/v1/routes") ... }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final String name;
    private final int port;
    private final Path log;
    private final Duration startTimeout;

    private ServiceProcess(Process process, String name, int port, Path log, Duration startTimeout) {
        this.process = process;
        this.name = name;
        this.port = port;
        this.log = log;
        this.startTimeout = startTimeout;
    }

    /** A service from the executable jar named by system property {@code property}. */
    public static Builder fromJarProperty(String property, String name) {
        String jar = System.getProperty(property);
        if (jar == null || !new File(jar).isFile()) {
            throw new IllegalStateException("the " + name + " exec jar is missing (" + property + "=" + jar
                    + "): is the test-scoped exec" + " dependency declared and passed to surefire?");
        }
        return new Builder(name, List.of("-jar", jar));
    }

    /** A service whose main class is on this test JVM's class path (the module under test itself). */
    public static Builder fromClassPath(String mainClass, String name) {
        return new Builder(name, List.of("-cp", System.getProperty("java.class.path"), mainClass));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public static final class Builder {
        private final String name;
        private final List<String> launch;
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> env = new LinkedHashMap<>();
        private int port = freePort();
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder(String name, List<String> launch) {
            this.name = name;
            this.launch = launch;
        }

        /** The HTTP port ({@code --server.port}); a free one by default. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder arg(String arg) {
            args.add(arg);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the process on the test database and waits until its health endpoint says UP. */
        public ServiceProcess start() throws IOException, InterruptedException {
            return launch().awaitHealthy();
        }

        /**
         * Starts the process without waiting, so that several services can start side by side; call {@link
         * ServiceProcess#awaitHealthy()} on each before using it.
         */
        public ServiceProcess launch() throws IOException {
            TestDatabase db = TestDatabase.get();
            Path log = Path.of(System.getProperty("runway.test.workdir", "target"), name + "-" + port + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx256m");
            command.add("-XX:TieredStopAtLevel=1");
            command.addAll(launch);
            command.add("--server.port=" + port);
            command.add("--runway.internal-token=" + TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
            command.add("--springdoc.api-docs.enabled=false");
            command.addAll(args);
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PLATFORM_DB_URL", db.url());
            builder.environment().put("PLATFORM_DB_USER", db.user());
            builder.environment().put("PLATFORM_DB_PASSWORD", db.password());
            builder.environment().putAll(env);
            Process process = builder.start();
            // a test JVM that dies without running its clean-up must not leave services behind
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ServiceProcess(process, name, port, log, startTimeout);
        }
    }

    /** Waits until the health endpoint says UP; stops the process and fails if it exits or takes too long. */
    public ServiceProcess awaitHealthy() throws InterruptedException {
        Duration timeout = startTimeout;
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + name + " exited; see " + log);
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
        throw new IllegalStateException("the " + name + " did not become healthy within " + timeout + "; see " + log);
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Calls it as another platform service would (internal token). */
    public ServiceClient client() {
        return ServiceClient.at(url(), TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no graceful stop, exactly like a crashed pod. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP / SIGCONT: the service hangs without closing its sockets, as under a long GC pause. */
    public void freeze(boolean frozen) throws IOException, InterruptedException {
        new ProcessBuilder("kill", frozen ? "-STOP" : "-CONT", Long.toString(process.pid()))
                .start()
                .waitFor();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
