package dev.runway.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, installed with apt when missing) scraping the
 * given targets every second, for tests of the platform's Prometheus providers. Stop it with {@link #close()}.
 */
public final class PrometheusServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    private static final Pattern FIRST_VALUE = Pattern.compile("\"value\":\\[[0-9.]+,\"([-+0-9.eE]+|NaN)\"\\]");

    private final Process process;
    private final Path work;
    private final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    private PrometheusServer(Process process, Path work, String url) {
        this.process = process;
        this.work = work;
        this.url = url;
    }

    /**
     * Starts Prometheus with its data in {@code work}, scraping each {@code host:port} target's
     * {@code /metrics} every second, and waits until it is ready.
     */
    public static PrometheusServer start(Path work, List<String> targets) throws Exception {
        installIfMissing();
        int port = freePort();
        Path config = work.resolve("prometheus.yml");
        Files.writeString(
                config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: test
                    static_configs:
                      - targets: [%s]
                """.formatted(targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "))));
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + work.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, work, "http://127.0.0.1:" + port);
        try {
            server.awaitReady();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** Base URL of the HTTP API, e.g. {@code http://127.0.0.1:41234}. */
    public String url() {
        return url;
    }

    /** Value of an instant query's first series, or NaN when it has none. */
    public double instant(String query) throws IOException, InterruptedException {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/query"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        var matcher = FIRST_VALUE.matcher(body);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    /**
     * Waits until the instant query answers at least {@code atLeast}: Prometheus scrapes on its own schedule,
     * so a test waits for the samples it needs instead of sleeping.
     */
    public void awaitAtLeast(String query, double atLeast, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            double value = instant(query);
            if (!Double.isNaN(value) && value >= atLeast) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus did not answer " + query + " >= " + atLeast + " within " + timeout
                + "; its log: " + work.resolve("prometheus.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static void installIfMissing() throws Exception {
        if (Files.isExecutable(BINARY)) {
            return;
        }
        Process apt = new ProcessBuilder(
                        "sh",
                        "-c",
                        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive "
                                + "apt-get install -y -qq --no-install-recommends prometheus")
                .redirectErrorStream(true)
                .start();
        String output = new String(apt.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!apt.waitFor(10, TimeUnit.MINUTES) || !Files.isExecutable(BINARY)) {
            throw new IllegalStateException(
                    "this test needs Debian's prometheus package and could not install it:\n" + output);
        }
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 120; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited: " + Files.readString(work.resolve("prometheus.log")));
            }
            try {
                var ready = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("prometheus was not ready in 30 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
