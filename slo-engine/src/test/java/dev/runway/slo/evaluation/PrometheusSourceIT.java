package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import dev.runway.testkit.PrometheusServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
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
    static final AtomicLong REQUESTS = new AtomicLong(10_000);
    static final AtomicLong ERRORS = new AtomicLong(500);
    static final AtomicLong DRILL_GOOD = new AtomicLong(1_000);
    static final AtomicLong DRILL_BAD = new AtomicLong(0);

    @TempDir
    static Path work;

    static HttpServer exporter;
    static PrometheusServer prometheus;
    static String prometheusUrl;

    @BeforeAll
    static void startPrometheusScrapingAnExporter() throws Exception {
        exporter = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        exporter.createContext("/metrics", exchange -> {
            String body = "# TYPE demo_requests_total counter\n"
                    + "demo_requests_total{code=\"200\"} " + (REQUESTS.get() - ERRORS.get()) + "\n"
                    + "demo_requests_total{code=\"500\"} " + ERRORS.get() + "\n"
                    + "# TYPE drill_requests_total counter\n"
                    + "drill_requests_total{code=\"200\"} " + DRILL_GOOD.get() + "\n"
                    + "drill_requests_total{code=\"500\"} " + DRILL_BAD.get() + "\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        exporter.start();
        prometheus = PrometheusServer.start(
                work, List.of("127.0.0.1:" + exporter.getAddress().getPort()));
        prometheusUrl = prometheus.url();
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

    @Test
    void countsEventsOverAWindowFromScrapedCounters() throws Exception {
        // a few scrapes of the starting values, then 2,000 requests of which 100 failed, then steady again
        prometheus.awaitAtLeast("count_over_time(demo_requests_total{code=\"500\"}[1m])", 3, Duration.ofSeconds(30));
        REQUESTS.addAndGet(2_000);
        ERRORS.addAndGet(100);
        prometheus.awaitAtLeast(
                "count_over_time((demo_requests_total{code=\"500\"} == 600)[1m:1s])", 3, Duration.ofSeconds(30));

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
    void timeSlicesAreJudgedFromRangeQueriesAndOnlyTheSlicesOfABurstAreBad() throws Exception {
        var drill = new Indicator.PrometheusRatio("drill_requests_total{code=\"200\"}", null, "drill_requests_total");
        Set<Duration> windows = Set.of(Duration.ofSeconds(30), Duration.ofMinutes(2));
        Duration slice = Duration.ofSeconds(5);
        var source = new PrometheusEventSource(prometheusUrl);
        // given some scrapes of steady counters: no slice has events, so none is bad
        prometheus.awaitAtLeast("count_over_time(drill_requests_total{code=\"500\"}[1m])", 6, Duration.ofSeconds(30));
        var quiet = source.timeslices(drill, slice, 0.9, windows, Instant.now());
        assertThat(quiet.count(drill, Duration.ofSeconds(30))).isEqualTo(new EventCounts(6, 0));

        // when half the requests fail for 12 s
        Instant burstStart = Instant.now();
        while (Instant.now().isBefore(burstStart.plusSeconds(12))) {
            DRILL_GOOD.addAndGet(5);
            DRILL_BAD.addAndGet(5);
            Thread.sleep(200);
        }
        Thread.sleep(7_000); // the burst's last slice ends and is scraped

        // then the slices the burst covered are bad (12 s is 2 to 4 slices of 5 s, edges included) ...
        Instant now = Instant.now();
        var burst = source.timeslices(drill, slice, 0.9, windows, now);
        EventCounts lastTwoMinutes = burst.count(drill, Duration.ofMinutes(2));
        assertThat(lastTwoMinutes.total()).isEqualTo(24);
        assertThat(lastTwoMinutes.bad()).isBetween(2L, 4L);
        // ... a fresh reader judging the whole window from scratch agrees with the one that kept its verdicts
        var fresh = new PrometheusEventSource(prometheusUrl).timeslices(drill, slice, 0.9, windows, now);
        assertThat(fresh.count(drill, Duration.ofMinutes(2))).isEqualTo(lastTwoMinutes);
        // and at a 40 % slice target, half good is good enough: no slice is bad
        var lenient = new PrometheusEventSource(prometheusUrl).timeslices(drill, slice, 0.4, windows, now);
        assertThat(lenient.count(drill, Duration.ofMinutes(2))).isEqualTo(new EventCounts(24, 0));
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
}
