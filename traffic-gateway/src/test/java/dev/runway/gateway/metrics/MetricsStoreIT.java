package dev.runway.gateway.metrics;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.metrics.histogram.LatencyBounds;
import dev.runway.gateway.support.Eventually;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Per-version metrics: Micrometer tags, the store's buckets and roll-ups, and the query API. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class MetricsStoreIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static DemoWorkload healthy;
    static DemoWorkload failing;

    @LocalServerPort
    int adminPort;

    @Autowired
    TrafficServer traffic;

    @Autowired
    MetricsStore store;

    @BeforeAll
    static void startUpstreams() throws Exception {
        healthy = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        failing = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(1.0, 0, 0));
        healthy.start();
        failing.start();
    }

    @AfterAll
    static void stopUpstreams() {
        healthy.stop();
        failing.stop();
    }

    private JsonNode window(String query) {
        var response = ServiceClient.at(adminPort).get("/api/v1/routes/measured/metrics?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void everyRequestIsCountedPerVersionInMicrometerAndInTheStoreWithItsHistogram() {
        var created = ServiceClient.at(adminPort)
                .post(
                        "/api/v1/routes",
                        "{\"id\":\"measured\",\"host\":\"measured.test\",\"pathPrefix\":\"/api\","
                                + "\"stable\":[\"http://127.0.0.1:" + healthy.port() + "\"],"
                                + "\"canary\":[\"http://127.0.0.1:" + failing.port() + "\"],\"versionPinning\":true}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TrafficClient user = new TrafficClient(traffic.port(), "measured.test");
        for (int i = 0; i < 30; i++) {
            assertThat(user.get("/api/price").status()).isEqualTo(200);
        }
        for (int i = 0; i < 10; i++) {
            assertThat(user.get("/api/price", "X-Runway-Version", "canary").status())
                    .isEqualTo(500);
        }

        String query = "from=" + start.minusSeconds(1) + "&series=true";
        Eventually.within(
                Duration.ofSeconds(10),
                () -> window(query)
                                        .path("versions")
                                        .path("stable")
                                        .path("requests")
                                        .asLong()
                                == 30
                        && window(query)
                                        .path("versions")
                                        .path("canary")
                                        .path("requests")
                                        .asLong()
                                == 10,
                () -> window(query).toString());
        JsonNode result = window(query);
        JsonNode stable = result.path("versions").path("stable");
        JsonNode canary = result.path("versions").path("canary");
        assertThat(stable.path("serverErrors").asLong()).isZero();
        assertThat(stable.path("errorRatio").asDouble()).isZero();
        assertThat(canary.path("serverErrors").asLong()).isEqualTo(10);
        assertThat(canary.path("errorRatio").asDouble()).isEqualTo(1.0);
        assertThat(result.path("resolutionSeconds").asInt()).isEqualTo(1);
        assertThat(result.path("boundsMs")).hasSize(LatencyBounds.BUCKETS - 1);
        long histogramTotal = 0;
        for (JsonNode count : stable.path("latencyCounts")) {
            histogramTotal += count.asLong();
        }
        assertThat(histogramTotal).isEqualTo(30);
        assertThat(stable.path("latencyMs").path("p99").asDouble()).isPositive();
        assertThat(result.path("series")).isNotEmpty();

        String prometheus =
                ServiceClient.at(adminPort).get("/actuator/prometheus").body();
        assertThat(prometheus)
                .contains("runway_gateway_requests_seconds_count{route=\"measured\"", "version=\"canary\"")
                .contains("runway_gateway_server_errors_total{route=\"measured\"")
                .containsPattern(
                        "runway_gateway_requests_seconds_bucket\\{route=\"measured\"[^}]*version=\"stable\",le=\"0\\.001\"}");
    }

    @Autowired
    MetricsSettings settings;

    @Test
    void aLongWindowCountsTheNewestRequestsBeforeTheyAreRolledUp() {
        // a minute roll-up from three days ago, and raw buckets from the last minutes that no roll-up has seen
        long[] none = new long[LatencyBounds.BUCKETS];
        Instant old = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
        Instant recent = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.SECONDS);
        store.add(List.of(
                new BucketRow("slo-window", "stable", MetricsStore.MINUTE, old, 1000, 1, none, null, null),
                new BucketRow("slo-window", "stable", settings.bucketSeconds(), recent, 50, 40, none, null, null)));

        JsonNode month = JSON.readTree(ServiceClient.at(adminPort)
                .get("/api/v1/routes/slo-window/metrics?window=P30D")
                .body());

        assertThat(month.path("resolutionSeconds").asInt()).isEqualTo(MetricsStore.MINUTE);
        assertThat(month.path("versions").path("stable").path("requests").asLong())
                .isEqualTo(1050);
        assertThat(month.path("versions").path("stable").path("serverErrors").asLong())
                .isEqualTo(41);
    }

    @Test
    void rollUpsSumTheRawBucketsIntoMinutesAndHoursAndCanBeRerun() {
        Instant minute = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(ChronoUnit.MINUTES);
        long[] counts = new long[LatencyBounds.BUCKETS];
        counts[3] = 4;
        counts[40] = 1;
        store.add(List.of(
                new BucketRow("rolled", "stable", 1, minute.plusSeconds(1), 5, 1, counts, null, null),
                new BucketRow("rolled", "stable", 1, minute.plusSeconds(30), 5, 0, counts, null, null),
                new BucketRow("rolled", "stable", 1, minute.plusSeconds(30), 5, 0, counts, null, null)));
        store.rollUp(Instant.now(), 1);
        store.rollUp(Instant.now(), 1);

        List<BucketRow> minutes = store.read("rolled", MetricsStore.MINUTE, minute, minute.plusSeconds(60));
        assertThat(minutes).hasSize(1);
        assertThat(minutes.getFirst().requests()).isEqualTo(15);
        assertThat(minutes.getFirst().serverErrors()).isEqualTo(1);
        assertThat(minutes.getFirst().latencyCounts()[3]).isEqualTo(12);
        assertThat(minutes.getFirst().latencyCounts()[40]).isEqualTo(3);
        List<BucketRow> hours = store.read(
                "rolled", MetricsStore.HOUR, minute.truncatedTo(ChronoUnit.HOURS), minute.plus(Duration.ofHours(1)));
        assertThat(hours).hasSize(1);
        assertThat(hours.getFirst().requests()).isEqualTo(15);
    }

    @Test
    void badWindowsAreRefusedNamingTheParameter() {
        var admin = ServiceClient.at(adminPort);
        assertProblem(admin.get("/api/v1/routes/measured/metrics?window=five"), 400, "window");
        assertProblem(admin.get("/api/v1/routes/measured/metrics?from=yesterday"), 400, "from");
        assertProblem(
                admin.get("/api/v1/routes/measured/metrics?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z"),
                400,
                "from");
    }
}
