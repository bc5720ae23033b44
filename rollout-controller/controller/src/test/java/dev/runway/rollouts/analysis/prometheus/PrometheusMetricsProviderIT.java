package dev.runway.rollouts.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runway.judge.CanaryAnalysis;
import dev.runway.judge.CanaryJudge;
import dev.runway.judge.Observation;
import dev.runway.judge.Phase;
import dev.runway.judge.Verdict;
import dev.runway.rollouts.analysis.AnalysisTemplate;
import dev.runway.rollouts.analysis.MetricsProvider;
import dev.runway.testkit.PrometheusServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.client.RestClient;

/**
 * The Prometheus provider against a real Prometheus server (Debian's package) scraping an exporter that
 * counts a stable and a canary version's requests, errors and latency histogram, every second.
 */
class PrometheusMetricsProviderIT {
    /** Histogram bounds the exporter declares, in seconds, as a Micrometer or client_java app would. */
    static final double[] LE = {0.05, 0.1, 0.25, 0.5, 1.0};

    static final Track CANARY = new Track("canary");
    static final Track STABLE = new Track("stable");
    static volatile double canaryOrdersPerMinute = 3;

    @TempDir
    static Path work;

    static HttpServer exporter;
    static PrometheusServer prometheus;
    ScheduledExecutorService traffic;

    /** One version's counters; synchronized so that a scrape never sees requests without their latency. */
    static final class Track {
        final String name;
        long requests;
        long errors;
        final long[] cumulativeLe = new long[LE.length];

        Track(String name) {
            this.name = name;
        }

        synchronized void record(int requests, int errors, double latencySeconds) {
            this.requests += requests;
            this.errors += errors;
            for (int i = 0; i < LE.length; i++) {
                if (latencySeconds <= LE[i]) {
                    cumulativeLe[i] += requests;
                }
            }
        }

        synchronized String exposition() {
            StringBuilder out = new StringBuilder();
            out.append("app_requests_total{track=\"%s\"} %d\n".formatted(name, requests));
            out.append("app_errors_total{track=\"%s\"} %d\n".formatted(name, errors));
            for (int i = 0; i < LE.length; i++) {
                out.append("app_latency_seconds_bucket{track=\"%s\",le=\"%s\"} %d\n"
                        .formatted(name, LE[i], cumulativeLe[i]));
            }
            out.append("app_latency_seconds_bucket{track=\"%s\",le=\"+Inf\"} %d\n".formatted(name, requests));
            return out.toString();
        }
    }

    @BeforeAll
    static void startPrometheusScrapingTheExporter() throws Exception {
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", exchange -> {
            String body = "# TYPE app_requests_total counter\n# TYPE app_errors_total counter\n"
                    + "# TYPE app_latency_seconds histogram\n" + STABLE.exposition() + CANARY.exposition()
                    + "# TYPE app_orders_per_minute gauge\n"
                    + "app_orders_per_minute{track=\"canary\"} " + canaryOrdersPerMinute + "\n"
                    + "app_orders_per_minute{track=\"stable\"} 40\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        exporter.start();
        prometheus = PrometheusServer.start(
                work, List.of("127.0.0.1:" + exporter.getAddress().getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (prometheus != null) {
            prometheus.close();
        }
        if (exporter != null) {
            exporter.stop(0);
        }
    }

    @AfterEach
    void stopTraffic() {
        if (traffic != null) {
            traffic.shutdownNow();
        }
    }

    static PrometheusSource source(int step, int lag) {
        return new PrometheusSource(
                prometheus.url(),
                "app_requests_total{track=\"{version}\"}",
                "app_errors_total{track=\"{version}\"}",
                "app_latency_seconds_bucket{track=\"{version}\"}",
                step,
                lag);
    }

    @Test
    void bucketsHoldWholeRequestsThatAddUpExactlyToWhatTheVersionsServed() throws Exception {
        // given counters Prometheus has seen at rest
        prometheus.awaitAtLeast("count_over_time(app_requests_total{track=\"stable\"}[1m])", 2, Duration.ofSeconds(30));
        long stableBefore;
        long canaryBefore;
        synchronized (STABLE) {
            stableBefore = STABLE.requests;
        }
        synchronized (CANARY) {
            canaryBefore = CANARY.requests;
        }
        // (Prometheus's value at a boundary is its last scrape before it: at `from`, a value before the burst)
        Instant from = Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), 5) * 5);

        // when the versions serve a known burst over a few scrapes: canary 1,000 requests (50 errors, 300 ms),
        // stable 4,000 requests (20 errors, 80 ms)
        for (int i = 0; i < 10; i++) {
            CANARY.record(100, 5, 0.3);
            STABLE.record(400, 2, 0.08);
            Thread.sleep(300);
        }
        prometheus.awaitAtLeast("app_requests_total{track=\"canary\"}", canaryBefore + 1000, Duration.ofSeconds(30));
        prometheus.awaitAtLeast("app_requests_total{track=\"stable\"}", stableBefore + 4000, Duration.ofSeconds(30));
        // (the last boundary read must come after the scrape that saw the whole burst)
        Instant seen = Instant.now();
        Thread.sleep(Duration.between(seen, Instant.ofEpochSecond(Math.floorDiv(seen.getEpochSecond(), 5) * 5 + 6))
                .toMillis());
        MetricsProvider provider = new PrometheusMetricsProvider(RestClient.create(), source(5, 0));
        Instant to = provider.completeUpTo(from, Instant.now());
        List<Observation> buckets = provider.read("checkout", from, to);

        buckets.forEach(o ->
                System.out.println("DEBUG " + o.start() + " c=" + o.canary().requests() + "/"
                        + o.canary().errors() + " s=" + o.baseline().requests()));
        // then the buckets tile the range and their sums are exactly the burst, latency included
        assertThat(buckets).isNotEmpty();
        assertThat(buckets.get(0).start()).isEqualTo(from);
        assertThat(buckets.get(buckets.size() - 1).end()).isEqualTo(to);
        assertThat(buckets.stream().mapToLong(o -> o.canary().requests()).sum()).isEqualTo(1000);
        assertThat(buckets.stream().mapToLong(o -> o.canary().errors()).sum()).isEqualTo(50);
        assertThat(buckets.stream().mapToLong(o -> o.baseline().requests()).sum())
                .isEqualTo(4000);
        assertThat(buckets.stream().mapToLong(o -> o.baseline().errors()).sum()).isEqualTo(20);
        var canaryLatency = buckets.stream()
                .map(o -> o.canary().latency())
                .reduce((a, b) -> a.plus(b))
                .orElseThrow();
        var stableLatency = buckets.stream()
                .map(o -> o.baseline().latency())
                .reduce((a, b) -> a.plus(b))
                .orElseThrow();
        assertThat(canaryLatency.total()).isEqualTo(1000);
        // 300 ms requests are known to be under le=0.5 only, so the judge sees them at its bound above 430 ms
        assertThat(canaryLatency.quantileMs(0.5)).isBetween(430.0, 520.0);
        assertThat(stableLatency.quantileMs(0.5)).isBetween(84.0, 100.0);
    }

    @Test
    void aCanaryFailingTwentyTimesAsOftenFailsTheJudgeOnPrometheusData() throws Exception {
        // given steady traffic: stable 200 req/s at 0.5 % errors, canary 50 req/s at 5 % errors, equal latency
        Instant from = Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), 5) * 5 + 5);
        traffic = Executors.newSingleThreadScheduledExecutor();
        int[] tick = {0};
        traffic.scheduleAtFixedRate(
                () -> {
                    tick[0]++;
                    STABLE.record(20, tick[0] % 10 == 0 ? 1 : 0, 0.08);
                    CANARY.record(5, tick[0] % 4 == 0 ? 1 : 0, 0.08);
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        MetricsProvider provider = new PrometheusMetricsProvider(RestClient.create(), source(5, 2));
        CanaryAnalysis analysis = new CanaryJudge(AnalysisTemplate.defaults().toJudgeConfig()).start();

        // when the judge reads Prometheus as the controller does, complete buckets only, for up to two minutes
        Instant readUpTo = from;
        Verdict verdict = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            Instant to = provider.completeUpTo(readUpTo, Instant.now());
            if (!to.isAfter(readUpTo)) {
                continue;
            }
            provider.read("checkout", readUpTo, to).forEach(analysis::add);
            readUpTo = to;
            verdict = analysis.verdict(Phase.BAKING);
            if (verdict instanceof Verdict.Fail) {
                break;
            }
        }

        // then it fails on the error ratio, with the figures that show why
        assertThat(verdict).isInstanceOf(Verdict.Fail.class);
        assertThat(((Verdict.Fail) verdict).failedMetrics()).contains("error-ratio");
        var errorReport = verdict.report().metrics().stream()
                .filter(m -> m.metric().equals("error-ratio"))
                .findFirst()
                .orElseThrow();
        assertThat(errorReport.canaryEstimate()).isGreaterThan(errorReport.baselineEstimate());
        assertThat(errorReport.eValue()).isGreaterThanOrEqualTo(errorReport.failThreshold());
    }

    @Test
    void aBusinessMetricBelowItsCriticalThresholdFailsTheCanary() throws Exception {
        // given a canary taking 3 orders a minute, a critical threshold of at least 10, and healthy errors
        prometheus.awaitAtLeast(
                "count_over_time(app_orders_per_minute{track=\"canary\"}[1m])", 22, Duration.ofSeconds(60));
        Instant now = Instant.now();
        Instant to = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 5) * 5);
        Instant from = to.minusSeconds(15);
        var source = new PrometheusSource(
                prometheus.url(),
                "app_requests_total{track=\"{version}\"}",
                "app_errors_total{track=\"{version}\"}",
                null,
                5,
                0,
                java.util.Map.of("orders_per_minute", "max(app_orders_per_minute{track=\"{version}\"})"));
        var template = new AnalysisTemplate(
                null,
                null,
                null,
                null,
                List.of(new AnalysisTemplate.BusinessThreshold(
                        "orders_per_minute", dev.runway.judge.MetricSpec.Bound.AT_LEAST, 10.0, true)));

        // when the analysis reads the last 15 s from Prometheus
        List<Observation> buckets = new PrometheusMetricsProvider(RestClient.create(), source).read("shop", from, to);
        CanaryAnalysis analysis = new CanaryJudge(template.toJudgeConfig(false)).start();
        buckets.forEach(analysis::add);

        // then every bucket carries the canary's value, and the critical threshold fails the verdict (the error
        // ratio may fail too, depending on what the other tests served in this window)
        assertThat(buckets).hasSize(3).allSatisfy(o -> assertThat(o.businessMetrics())
                .containsEntry("orders_per_minute", 3.0));
        Verdict verdict = analysis.verdict(Phase.BAKING);
        assertThat(verdict).isInstanceOf(Verdict.Fail.class);
        assertThat(((Verdict.Fail) verdict).failedMetrics()).contains("orders_per_minute");
    }

    @Test
    void aQueryPrometheusRefusesIsUnavailableNamingTheQuery() {
        var broken = new PrometheusSource(prometheus.url(), "sum(rate({version}", "x{version}", null, 5, 0);
        Instant from = Instant.ofEpochSecond(Math.floorDiv(Instant.now().getEpochSecond(), 5) * 5 - 60);
        assertThatThrownBy(() -> new PrometheusMetricsProvider(RestClient.create(), broken)
                        .read("checkout", from, from.plusSeconds(30)))
                .isInstanceOf(MetricsProvider.MetricsUnavailable.class)
                .hasMessageContaining("sum(rate(canary");
    }
}
