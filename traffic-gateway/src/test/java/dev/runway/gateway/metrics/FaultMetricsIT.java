package dev.runway.gateway.metrics;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.metrics.histogram.LatencyBounds;
import dev.runway.gateway.support.AdminCalls;
import dev.runway.gateway.support.Eventually;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fault dimension of the metrics store: which fault and which chaos experiment hit which requests, through
 * the traffic port, into {@code fault_metrics}, its roll-ups and the fault-metrics endpoint.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class FaultMetricsIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static DemoWorkload upstream;

    @LocalServerPort
    int adminPort;

    @Autowired
    TrafficServer traffic;

    @Autowired
    MetricsStore store;

    @Autowired
    MetricsSettings settings;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        upstream.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.stop();
    }

    private void createRoute(String id) {
        AdminCalls.createRoute(adminPort, id, id + ".test", upstream.port(), 0);
    }

    private JsonNode inject(String route, String spec) {
        return AdminCalls.injectFault(adminPort, route, spec);
    }

    @Test
    void requestsAFaultHitAreCountedUnderItsFaultAndExperimentAndStillInTheRouteTotals() {
        createRoute("chaos-abort");
        JsonNode fault = inject(
                "chaos-abort",
                "{\"percent\":100,\"abortStatus\":503,\"header\":{\"name\":\"X-Chaos\",\"value\":\"on\"},"
                        + "\"experiment\":\"exp-latency-1\",\"ttl\":\"PT5M\"}");
        String faultId = fault.path("id").asString();
        assertThat(fault.path("experiment").asString()).isEqualTo("exp-latency-1");
        JsonNode read = JSON.readTree(
                ServiceClient.at(adminPort).get("/api/v1/faults/" + faultId).body());
        assertThat(read.path("experiment").asString()).isEqualTo("exp-latency-1");

        TrafficClient user = new TrafficClient(traffic.port(), "chaos-abort.test");
        int hit = 12;
        int spared = 8;
        for (int i = 0; i < hit; i++) {
            var response = user.get("/api/price", "X-Chaos", "on");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.header("X-Runway-Fault")).isEqualTo(faultId);
            assertThat(response.header("X-Runway-Experiment")).isEqualTo("exp-latency-1");
        }
        for (int i = 0; i < spared; i++) {
            var response = user.get("/api/price");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Runway-Experiment")).isNull();
        }

        Eventually.within(
                Duration.ofSeconds(10),
                () -> sum("fault_metrics", "requests", "chaos-abort", 1) == hit
                        && sum("request_metrics", "requests", "chaos-abort", 1) == hit + spared,
                () -> "fault rows " + sum("fault_metrics", "requests", "chaos-abort", 1) + ", request rows "
                        + sum("request_metrics", "requests", "chaos-abort", 1));
        assertThat(sum("fault_metrics", "server_errors", "chaos-abort", 1)).isEqualTo(hit);
        assertThat(sum("request_metrics", "server_errors", "chaos-abort", 1)).isEqualTo(hit);
        assertThat(labels("chaos-abort")).containsExactly(faultId + "/exp-latency-1");

        JsonNode window = faultMetrics("chaos-abort", "window=PT1H");
        assertThat(window.path("faults")).hasSize(1);
        JsonNode outcome = window.path("faults").get(0);
        assertThat(outcome.path("experiment").asString()).isEqualTo("exp-latency-1");
        assertThat(outcome.path("faultId").asString()).isEqualTo(faultId);
        assertThat(outcome.path("requests").asLong()).isEqualTo(hit);
        assertThat(outcome.path("serverErrors").asLong()).isEqualTo(hit);
        JsonNode stable = outcome.path("versions").path("stable");
        assertThat(stable.path("requests").asLong()).isEqualTo(hit);
        assertThat(stable.path("errorRatio").asDouble()).isEqualTo(1.0);
        assertThat(total(stable.path("latencyCounts"))).isEqualTo(hit);
        assertThat(outcome.path("versions").path("canary").path("requests").asLong())
                .isZero();

        store.rollUp(Instant.now(), settings.bucketSeconds());
        Instant minute = Instant.now().minus(Duration.ofMinutes(15)).truncatedTo(ChronoUnit.MINUTES);
        List<BucketRow> minutes = store.read(
                MetricsTable.FAULTS,
                "chaos-abort",
                MetricsStore.MINUTE,
                minute,
                Instant.now().plusSeconds(60));
        assertThat(minutes.stream().mapToLong(BucketRow::requests).sum()).isEqualTo(hit);
        assertThat(minutes.stream().mapToLong(BucketRow::serverErrors).sum()).isEqualTo(hit);
        assertThat(minutes.stream().mapToLong(r -> total(r.latencyCounts())).sum())
                .isEqualTo(hit);
        assertThat(minutes).allSatisfy(row -> {
            assertThat(row.faultId()).isEqualTo(faultId);
            assertThat(row.experiment()).isEqualTo("exp-latency-1");
        });
        assertThat(sum("request_metrics", "requests", "chaos-abort", MetricsStore.MINUTE))
                .isEqualTo(hit + spared);

        String prometheus =
                ServiceClient.at(adminPort).get("/actuator/prometheus").body();
        assertThat(prometheus)
                .containsPattern("runway_gateway_fault_hits_total\\{[^}]*experiment=\"exp-latency-1\"[^}]*"
                        + "route=\"chaos-abort\"[^}]*} 12\\.0");
    }

    @Test
    void anInjectedDelayIsInTheFaultsLatencyAndAFaultWithoutExperimentIsFiledUnderTheEmptyLabel() {
        createRoute("chaos-delay");
        String faultId = inject("chaos-delay", "{\"percent\":100,\"delayMs\":300,\"ttl\":\"PT5M\"}")
                .path("id")
                .asString();
        TrafficClient user = new TrafficClient(traffic.port(), "chaos-delay.test");
        for (int i = 0; i < 3; i++) {
            var response = user.get("/api/price");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-Runway-Fault")).isEqualTo(faultId);
            assertThat(response.header("X-Runway-Experiment")).isNull();
        }

        Eventually.within(
                Duration.ofSeconds(10),
                () -> faultMetrics("chaos-delay", "window=PT10M")
                                .path("faults")
                                .path(0)
                                .path("requests")
                                .asLong()
                        == 3,
                () -> faultMetrics("chaos-delay", "window=PT10M").toString());
        JsonNode outcome =
                faultMetrics("chaos-delay", "window=PT10M").path("faults").get(0);
        assertThat(outcome.path("experiment").asString()).isEmpty();
        assertThat(outcome.path("serverErrors").asLong()).isZero();
        long[] counts =
                JSON.convertValue(outcome.path("versions").path("stable").path("latencyCounts"), long[].class);
        // Every request waited at least 300 ms: nothing may fall in a bucket whose upper bound is below 300 ms.
        int first300 = Arrays.binarySearch(LatencyBounds.boundsMs(), 300.0);
        assertThat(Arrays.stream(counts, 0, first300).sum()).isZero();
        assertThat(Arrays.stream(counts, first300, counts.length).sum()).isEqualTo(3);
        assertThat(outcome.path("versions")
                        .path("stable")
                        .path("latencyMs")
                        .path("p50")
                        .asDouble())
                .isGreaterThanOrEqualTo(300.0);
        assertThat(labels("chaos-delay")).containsExactly(faultId + "/");
    }

    @Test
    void aBadExperimentLabelOrWindowIsRefusedNamingTheField() {
        createRoute("chaos-refused");
        var admin = ServiceClient.at(adminPort);
        assertProblem(
                admin.post(
                        "/api/v1/routes/chaos-refused/faults",
                        "{\"percent\":5,\"abortStatus\":503,\"ttl\":\"PT1M\",\"experiment\":\"Exp 1\"}"),
                400,
                "experiment");
        assertProblem(admin.get("/api/v1/routes/chaos-refused/fault-metrics?window=five"), 400, "window");
        assertProblem(admin.get("/api/v1/routes/chaos-refused/fault-metrics?from=yesterday"), 400, "from");
        assertThat(faultMetrics("chaos-refused", "window=PT5M").path("faults")).isEmpty();
    }

    @Test
    void aFaultStoredBeforeTheExperimentLabelExistedStillLoads() throws SQLException {
        createRoute("chaos-old");
        try (var connection = TestDatabase.get().adminConnection();
                var statement = connection.prepareStatement(
                        "INSERT INTO traffic.faults (id, route_id, spec, expires_at) VALUES (?, ?, CAST(? AS jsonb),"
                                + " now() + interval '5 minutes')")) {
            statement.setString(1, "old-fault");
            statement.setString(2, "chaos-old");
            statement.setString(
                    3,
                    "{\"id\":\"old-fault\",\"routeId\":\"chaos-old\",\"version\":\"ANY\","
                            + "\"basisPoints\":10000,\"header\":null,\"delayMs\":0,\"abortStatus\":503,"
                            + "\"createdAt\":\"" + Instant.now() + "\",\"expiresAt\":\""
                            + Instant.now().plusSeconds(300) + "\"}");
            statement.executeUpdate();
        }
        var response = ServiceClient.at(adminPort).get("/api/v1/faults/old-fault");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode fault = JSON.readTree(response.body());
        assertThat(fault.path("abortStatus").asInt()).isEqualTo(503);
        assertThat(fault.path("experiment").isNull()).isTrue();
    }

    private JsonNode faultMetrics(String route, String query) {
        var response = ServiceClient.at(adminPort).get("/api/v1/routes/" + route + "/fault-metrics?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long total(JsonNode counts) {
        long total = 0;
        for (JsonNode count : counts) {
            total += count.asLong();
        }
        return total;
    }

    private static long total(long[] counts) {
        return Arrays.stream(counts).sum();
    }

    /** Sums a column of one route's rows at one resolution, straight from the table other services read. */
    private static long sum(String table, String column, String route, int resolution) {
        try (var connection = TestDatabase.get().adminConnection();
                var statement = connection.prepareStatement("SELECT coalesce(sum(" + column + "), 0) FROM traffic."
                        + table + " WHERE route = ? AND resolution_seconds = ?")) {
            statement.setString(1, route);
            statement.setInt(2, resolution);
            try (var rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The distinct fault id / experiment pairs of one route's raw fault rows. */
    private static List<String> labels(String route) {
        try (var connection = TestDatabase.get().adminConnection();
                var statement = connection.prepareStatement("SELECT DISTINCT fault_id || '/' || experiment"
                        + " FROM traffic.fault_metrics WHERE route = ? AND resolution_seconds = 1")) {
            statement.setString(1, route);
            try (var rs = statement.executeQuery()) {
                List<String> labels = new java.util.ArrayList<>();
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
                return labels;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
