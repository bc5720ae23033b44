package dev.runway.flags.bench;

import dev.runway.testkit.TestDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The peer for the kill-switch benchmark: unleash-server from the npm registry, installed at benchmark time
 * into {@code target/unleash-server} (never committed) and run with the machine's Node on a database of its
 * own in the test JVM's embedded PostgreSQL. Tokens are seeded through its start-up settings, so no login is
 * needed: an admin token for the admin API, a backend token for the SDK clients in {@code development}.
 */
final class UnleashServer implements AutoCloseable {
    /** The newest unleash-server whose declared engines accept Node 20 (8.x and 7.6+ require Node 22). */
    static final String VERSION = System.getProperty("bench.unleash.version", "7.5.1");

    static final String ENVIRONMENT = "development";
    static final String ADMIN_TOKEN = "*:*.runway-bench-admin";
    static final String CLIENT_TOKEN = "default:" + ENVIRONMENT + ".runway-bench-client";

    private static final String DATABASE = "unleash_bench";
    private static final String ROLE = "unleash_bench";

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private UnleashServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static UnleashServer start() throws Exception {
        Path home = Path.of("target", "unleash-server").toAbsolutePath();
        install(home);
        String databaseUrl = createDatabase();
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(node(), "node_modules/unleash-server/dist/server.js")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_SSL", "false");
        env.put("HTTP_HOST", "127.0.0.1");
        env.put("HTTP_PORT", Integer.toString(port));
        env.put("INIT_ADMIN_API_TOKENS", ADMIN_TOKEN);
        env.put("INIT_BACKEND_API_TOKENS", CLIENT_TOKEN);
        env.put("LOG_LEVEL", "warn");
        // The machine reaches no host but the package registries: the version check and telemetry would only
        // time out. Neither changes how toggles are served.
        env.put("CHECK_VERSION", "false");
        env.put("SEND_TELEMETRY", "false");
        UnleashServer server = new UnleashServer(builder.start(), port);
        server.awaitHealthy(Duration.ofMinutes(3));
        return server;
    }

    String apiUrl() {
        return "http://127.0.0.1:" + port + "/api/";
    }

    /** A toggle in the default project, on in {@code development} with the standard strategy (everyone). */
    void createEnabledToggle(String name) throws Exception {
        admin("POST", "projects/default/features", "{\"name\": \"" + name + "\"}");
        admin(
                "POST",
                "projects/default/features/" + name + "/environments/" + ENVIRONMENT + "/strategies",
                "{\"name\": \"default\"}");
        enable(name, true);
    }

    /** Unleash's kill switch: the toggle's environment off (and back on). */
    void enable(String name, boolean on) throws Exception {
        admin("POST", "projects/default/features/" + name + "/environments/" + ENVIRONMENT + (on ? "/on" : "/off"), "");
    }

    private void admin(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl() + "admin/" + path))
                .header("Authorization", ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
    }

    private void awaitHealthy(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("unleash-server exited; see target/unleash-server/server.log");
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still migrating its schema
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("unleash-server did not become healthy in " + timeout);
    }

    /** npm install of the pinned version into a scratch folder, skipped when that version is already there. */
    private static void install(Path home) throws Exception {
        Path installed = home.resolve("node_modules/unleash-server/package.json");
        if (Files.exists(installed) && Files.readString(installed).contains("\"version\": \"" + VERSION + "\"")) {
            return;
        }
        Files.createDirectories(home);
        Files.writeString(home.resolve("package.json"), "{\"private\": true}\n");
        Process npm = new ProcessBuilder(
                        List.of("npm", "install", "--no-audit", "--no-fund", "--omit=dev", "unleash-server@" + VERSION))
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("npm-install.log").toFile())
                .start();
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm install failed; see target/unleash-server/npm-install.log");
        }
    }

    /** A role and database of its own beside the platform's, on the test JVM's PostgreSQL; SSL off. */
    private static String createDatabase() throws SQLException {
        TestDatabase database = TestDatabase.get();
        try (Connection admin = database.adminConnection();
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + DATABASE);
            statement.execute("DROP ROLE IF EXISTS " + ROLE);
            statement.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + ROLE + "'");
            statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
        }
        URI jdbc = URI.create(database.url().substring("jdbc:".length()));
        return "postgres://" + ROLE + ":" + ROLE + "@" + jdbc.getHost() + ":" + jdbc.getPort() + "/" + DATABASE;
    }

    private static String node() {
        return System.getProperty("bench.node", "node");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
