package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus source against a real Prometheus server (Debian's package, installed here with apt when
 * missing) that scrapes a test exporter every second.
 */
class PrometheusSourceIT {
    static final Path BINARY = Path.of("/usr/bin/prometheus");
    static final AtomicLong REQUESTS = new AtomicLong(10_000);
    static final AtomicLong ERRORS = new AtomicLong(500);

    @TempDir
    static Path work;

    static HttpServer exporter;
    static Process prometheus;
    static String prometheusUrl;

    @BeforeAll
    static void startPrometheusScrapingAnExporter() throws Exception {
        installIfMissing();
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", exchange -> {
            String body = "# TYPE demo_requests_total counter\n"
                    + "demo_requests_total{code=\"200\"} " + (REQUESTS.get() - ERRORS.get()) + "\n"
                    + "demo_requests_total{code=\"500\"} " + ERRORS.get() + "\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        exporter.start();
        int port = freePort();
        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: demo
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(exporter.getAddress().getPort()));
        prometheus = new ProcessBuilder(
                        BINARY.toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + work.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("prometheus.log").toFile())
                .start();
        prometheusUrl = "http://127.0.0.1:" + port;
        awaitReady();
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            prometheus.waitFor(20, TimeUnit.SECONDS);
        }
        if (exporter != null) {
            exporter.stop(0);
        }
    }

    @Test
    void countsEventsOverAWindowFromScrapedCounters() throws Exception {
        // a few scrapes of the starting values, then 2,000 requests of which 100 failed, then steady again
        awaitSamples("count_over_time(demo_requests_total{code=\"500\"}[1m])", 3);
        REQUESTS.addAndGet(2_000);
        ERRORS.addAndGet(100);
        awaitSamples("count_over_time((demo_requests_total{code=\"500\"} == 600)[1m:1s])", 3);

        var source = new PrometheusEventSource(prometheusUrl);
        var selector = new Indicator.PrometheusRatio(null, "demo_requests_total{code=\"500\"}", "demo_requests_total");
        EventCounts counts = source.count(selector, Duration.ofMinutes(1));
        // increase() extrapolates over the window's edges: the totals are estimates, their ratio is not
        assertThat(counts.total()).isBetween(1_800L, 2_600L);
        assertThat(counts.errorRatio().getAsDouble()).isBetween(0.045, 0.055);

        var templated = new Indicator.PrometheusRatio(
                "sum(increase(demo_requests_total{code=\"200\"}[$window]))",
                null,
                "sum(increase(demo_requests_total[$window]))");
        EventCounts same = source.count(templated, Duration.ofMinutes(1));
        assertThat(same.errorRatio().getAsDouble()).isBetween(0.045, 0.055);
    }

    @Test
    void aQueryPrometheusRefusesIsSourceUnavailableNamingTheQuery() {
        var broken = new Indicator.PrometheusRatio(null, "sum(rate(", "demo_requests_total");
        assertThatThrownBy(() -> new PrometheusEventSource(prometheusUrl).count(broken, Duration.ofMinutes(5)))
                .isInstanceOf(EventSource.SourceUnavailable.class)
                .hasMessageContaining("sum(rate(");
    }

    @Test
    void windowsBecomePromqlDurations() {
        assertThat(PrometheusEventSource.render("x[$window]", Duration.ofDays(30)))
                .isEqualTo("x[30d]");
        assertThat(PrometheusEventSource.render("errors_total", Duration.ofMinutes(5)))
                .isEqualTo("sum(increase(errors_total[5m]))");
        assertThat(PrometheusEventSource.promDuration(Duration.ofHours(6))).isEqualTo("6h");
    }

    /** Waits until Prometheus answers the query with at least {@code n}: it scrapes on its own schedule. */
    private static void awaitSamples(String query, int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create(prometheusUrl + "/api/v1/query"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .POST(HttpRequest.BodyPublishers.ofString(
                                            "query=" + java.net.URLEncoder.encode(query, StandardCharsets.UTF_8)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            var matcher = java.util.regex.Pattern.compile("\"value\":\\[[0-9.]+,\"([0-9.]+)\"\\]")
                    .matcher(body);
            if (matcher.find() && Double.parseDouble(matcher.group(1)) >= n) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus did not collect " + n + " samples for " + query);
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

    private static void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 120; i++) {
            if (!prometheus.isAlive()) {
                throw new IllegalStateException(
                        "prometheus exited: " + Files.readString(work.resolve("prometheus.log")));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create(prometheusUrl + "/-/ready"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
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
