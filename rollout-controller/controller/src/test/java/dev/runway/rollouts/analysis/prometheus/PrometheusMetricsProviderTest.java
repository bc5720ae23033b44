package dev.runway.rollouts.analysis.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.judge.Observation;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class PrometheusMetricsProviderTest {
    static final double NAN = Double.NaN;

    @Test
    void bucketCountsAreDifferencesBetweenBoundaries() {
        assertThat(PrometheusMetricsProvider.deltas(new double[] {100, 130, 130, 190}, 3))
                .containsExactly(30, 0, 60);
    }

    @Test
    void aSeriesAppearingMidRangeCountsFromZero() {
        // the canary starts between the first and second boundary
        assertThat(PrometheusMetricsProvider.deltas(new double[] {NAN, NAN, 12, 40}, 3))
                .containsExactly(0, 12, 28);
    }

    @Test
    void aResetOrAGapAfterDataIsUnknownNotGuessed() {
        // a restart drops the sum; a missed scrape leaves a hole after data was seen
        assertThat(PrometheusMetricsProvider.deltas(new double[] {500, 520, 10, 30, NAN, 60}, 5))
                .containsExactly(20, -1, 20, -1, -1);
    }

    @Test
    void onlyWholeStepsWhoseScrapesHaveArrivedAreComplete() {
        var provider = new PrometheusMetricsProvider(
                RestClient.create(), new PrometheusSource("http://p", "r{version}", "e{version}", null, 30, 20));
        Instant from = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(provider.completeUpTo(from, from.plusSeconds(49))).isEqualTo(from);
        assertThat(provider.completeUpTo(from, from.plusSeconds(50))).isEqualTo(from.plusSeconds(30));
        assertThat(provider.completeUpTo(from, from.plusSeconds(200))).isEqualTo(from.plusSeconds(180));
    }

    @Test
    void histogramBucketsAreRebinnedOntoTheJudgesBoundsWithoutMakingAnyRequestFaster() throws Exception {
        // given a Prometheus answering range queries: 10 canary requests, 4 at or under 250 ms, 9 at or under 1 s
        long t0 = 1_800_000_000L;
        String counter = matrix(t0, 0, 10);
        String buckets =
                "[" + series("0.25", t0, 0, 4) + "," + series("1", t0, 0, 9) + "," + series("+Inf", t0, 0, 10) + "]";
        HttpServer prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        prometheus.createContext("/api/v1/query_range", exchange -> {
            String form = URLDecoder.decode(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            String result = form.contains("by (le)") ? buckets : form.contains("errors") ? "[]" : counter;
            byte[] body = ("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":" + result + "}}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        prometheus.start();
        try {
            var provider = new PrometheusMetricsProvider(
                    RestClient.create(),
                    new PrometheusSource(
                            "http://127.0.0.1:" + prometheus.getAddress().getPort(),
                            "requests{track=\"{version}\"}",
                            "errors{track=\"{version}\"}",
                            "latency_bucket{track=\"{version}\"}",
                            5,
                            0));

            // when one 5 s bucket is read
            List<Observation> read =
                    provider.read("checkout", Instant.ofEpochSecond(t0), Instant.ofEpochSecond(t0 + 5));

            // then the counts are whole, and each request sits under the smallest judge bound Prometheus
            // vouches for: 4 under 250 ms; 5 known only to be under 1 s go to (900, 1,100] ms (1,000 ms is no
            // judge bound); 1 slower than every finite bound overflows
            assertThat(read).hasSize(1);
            var canary = read.get(0).canary();
            assertThat(canary.requests()).isEqualTo(10);
            assertThat(canary.errors()).isZero();
            var latency = canary.latency();
            assertThat(latency.total()).isEqualTo(10);
            assertThat(latency.count(indexOf(latency.upperBoundsMs(), 250))).isEqualTo(4);
            assertThat(latency.count(indexOf(latency.upperBoundsMs(), 1100))).isEqualTo(5);
            assertThat(latency.count(latency.bucketCount() - 1)).isEqualTo(1);
        } finally {
            prometheus.stop(0);
        }
    }

    private static String matrix(long t0, double v0, double v1) {
        return "[{\"metric\":{},\"values\":[[" + t0 + ",\"" + v0 + "\"],[" + (t0 + 5) + ",\"" + v1 + "\"]]}]";
    }

    private static String series(String le, long t0, double v0, double v1) {
        return "{\"metric\":{\"le\":\"" + le + "\"},\"values\":[[" + t0 + ",\"" + v0 + "\"],[" + (t0 + 5) + ",\"" + v1
                + "\"]]}";
    }

    private static int indexOf(double[] bounds, double bound) {
        for (int i = 0; i < bounds.length; i++) {
            if (bounds[i] == bound) {
                return i;
            }
        }
        throw new AssertionError("no bound " + bound);
    }
}
