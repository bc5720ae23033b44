package dev.runway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.gateway.support.Eventually;
import dev.runway.gateway.support.RecordingUpstream;
import dev.runway.gateway.support.TrafficClient;
import dev.runway.gateway.traffic.TrafficServer;
import dev.runway.testkit.ServiceClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shadow traffic: what is copied, that copies never hurt the caller, and what the comparison reports. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class ShadowIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static DemoWorkload v1;
    static DemoWorkload v1Twin;
    static DemoWorkload v2;

    @LocalServerPort
    int adminPort;

    @Autowired
    TrafficServer traffic;

    @BeforeAll
    static void startUpstreams() throws Exception {
        v1 = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        v1Twin = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        v2 = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        v1.start();
        v1Twin.start();
        v2.start();
    }

    @AfterAll
    static void stopUpstreams() {
        v1.stop();
        v1Twin.stop();
        v2.stop();
    }

    static String url(DemoWorkload workload) {
        return "http://127.0.0.1:" + workload.port();
    }

    private void create(String id, String host, String prefix, String stable, String shadow) {
        var created = ServiceClient.at(adminPort)
                .post(
                        "/api/v1/routes",
                        "{\"id\":\"" + id + "\",\"host\":\"" + host + "\",\"pathPrefix\":\"" + prefix
                                + "\",\"stable\":[\"" + stable + "\"],\"shadow\":" + shadow + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private JsonNode diffs(String route) {
        return JSON.readTree(ServiceClient.at(adminPort)
                .get("/api/v1/routes/" + route + "/shadow/diffs")
                .body());
    }

    private double prometheus(String metric, String route) {
        String text = ServiceClient.at(adminPort).get("/actuator/prometheus").body();
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + "{") && line.contains("route=\"" + route + "\"")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }

    @Test
    void aPostIsMirroredOnlyWhenTheShadowIsSandboxedForWritesAndCopiesAreMarked() throws Exception {
        try (var primary = new RecordingUpstream("{\"ok\":true}", 0);
                var shadow = new RecordingUpstream("{\"ok\":true}", 0)) {
            create("writes", "writes.test", "/orders", primary.url(), "{\"upstream\":\"" + shadow.url() + "\"}");
            TrafficClient user = new TrafficClient(traffic.port(), "writes.test");

            assertThat(user.post("/orders", "{\"sku\":\"A\"}").status()).isEqualTo(200);
            assertThat(user.get("/orders?page=2").status()).isEqualTo(200);
            Eventually.within(Duration.ofSeconds(5), () -> !shadow.received().isEmpty(), () -> "no copy of the GET");
            Thread.sleep(300);
            assertThat(shadow.received())
                    .extracting(RecordingUpstream.Received::method)
                    .containsExactly("GET");
            var copy = shadow.received().getFirst();
            assertThat(copy.path()).isEqualTo("/orders?page=2");
            assertThat(copy.header("X-Shadow-Request")).isEqualTo("true");
            assertThat(primary.received())
                    .extracting(RecordingUpstream.Received::method)
                    .containsExactly("POST", "GET");
            assertThat(primary.received().getFirst().header("X-Shadow-Request")).isNull();

            var sandboxed = ServiceClient.at(adminPort)
                    .put(
                            "/api/v1/routes/writes/shadow",
                            "{\"upstream\":\"" + shadow.url() + "\",\"allowWrites\":true}");
            assertThat(sandboxed.status()).as(sandboxed.body()).isEqualTo(200);
            assertThat(user.post("/orders", "{\"sku\":\"B\",\"quantity\":2}").status())
                    .isEqualTo(200);
            Eventually.within(Duration.ofSeconds(5), () -> shadow.received().size() == 2, () -> "no copy of the POST");
            var post = shadow.received().get(1);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.body()).isEqualTo("{\"sku\":\"B\",\"quantity\":2}");
            assertThat(post.header("X-Shadow-Request")).isEqualTo("true");
            assertThat(primary.received().getLast().body())
                    .as("the primary still gets the whole body")
                    .isEqualTo("{\"sku\":\"B\",\"quantity\":2}");
        }
    }

    @Test
    void aSlowShadowChangesNothingForTheCallerAndCopiesBeyondTheLimitAreDroppedAndCounted() throws Exception {
        try (var slow = new RecordingUpstream("{\"slow\":true}", 1500)) {
            create("slow-shadow", "slow.test", "/api", url(v1), "{\"upstream\":\"" + slow.url() + "\"}");
            TrafficClient user = new TrafficClient(traffic.port(), "slow.test");
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                var response = user.get("/api/price?sku=S" + i);
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.version()).isEqualTo("v1");
                assertThat(response.body()).contains("\"sku\":\"S" + i + "\"");
                latencies.add(response.millis());
            }
            assertThat(latencies).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
            Eventually.within(
                    Duration.ofSeconds(5),
                    () -> prometheus("runway_gateway_shadow_dropped_total", "slow-shadow") > 0,
                    () -> "no dropped copies counted");
            assertThat(slow.received().size())
                    .as("copies in flight stay within the limit")
                    .isLessThanOrEqualTo(40);
        }
    }

    @Test
    void aDeadShadowChangesNothingForTheCallerAndItsFailuresAreCounted() {
        create("dead-shadow", "dead.test", "/api", url(v1), "{\"upstream\":\"http://127.0.0.1:1\"}");
        TrafficClient user = new TrafficClient(traffic.port(), "dead.test");
        for (int i = 0; i < 20; i++) {
            var response = user.get("/api/price?sku=D");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.version()).isEqualTo("v1");
        }
        Eventually.within(
                Duration.ofSeconds(5),
                () -> diffs("dead-shadow").path("failures").asLong() >= 20,
                () -> diffs("dead-shadow").toString());
        assertThat(diffs("dead-shadow").path("comparisons").asLong()).isZero();
    }

    @Test
    void v1AndV2ThatDifferInOneFieldAreReportedOnThatFieldOnly() {
        create(
                "one-field",
                "onefield.test",
                "/api",
                url(v1),
                "{\"upstream\":\"" + url(v2)
                        + "\",\"compareHeaders\":[\"Content-Type\"],\"ignoreFields\":[\"servedAt\"]}");
        TrafficClient user = new TrafficClient(traffic.port(), "onefield.test");
        for (int i = 0; i < 20; i++) {
            assertThat(user.get("/api/price?sku=K" + i).version()).isEqualTo("v1");
        }
        Eventually.within(
                Duration.ofSeconds(5),
                () -> diffs("one-field").path("comparisons").asLong() >= 20,
                () -> diffs("one-field").toString());
        JsonNode report = diffs("one-field");
        assertThat(report.path("regressions").toString()).isEqualTo("[\"version\"]");
        assertThat(report.path("fields")).hasSize(1);
        JsonNode field = report.path("fields").get(0);
        assertThat(field.path("path").asString()).isEqualTo("version");
        assertThat(field.path("differences").asLong())
                .isEqualTo(report.path("comparisons").asLong());
        assertThat(field.path("samples").get(0).path("left").asString()).isEqualTo("\"v1\"");
        assertThat(field.path("samples").get(0).path("right").asString()).isEqualTo("\"v2\"");
    }

    @Test
    void aTimestampThatDiffersBetweenTwoPrimariesIsCancelledAsNoise() {
        create(
                "noise",
                "noise.test",
                "/api",
                url(v1),
                "{\"upstream\":\"" + url(v2) + "\",\"secondary\":\"" + url(v1Twin) + "\"}");
        TrafficClient user = new TrafficClient(traffic.port(), "noise.test");
        for (int i = 0; i < 40; i++) {
            assertThat(user.get("/api/price?sku=N" + i).status()).isEqualTo(200);
        }
        Eventually.within(
                Duration.ofSeconds(5),
                () -> diffs("noise").path("noiseComparisons").asLong() >= 40,
                () -> diffs("noise").toString());
        JsonNode report = diffs("noise");
        assertThat(report.path("regressions").toString()).isEqualTo("[\"version\"]");
        JsonNode servedAt = null;
        for (JsonNode field : report.path("fields")) {
            if (field.path("path").asString().equals("servedAt")) {
                servedAt = field;
            }
        }
        assertThat(servedAt).as(report.toString()).isNotNull();
        assertThat(servedAt.path("verdict").asString()).isEqualTo("NOISE");
        assertThat(servedAt.path("differences").asLong()).isPositive();
        assertThat(servedAt.path("noise").asLong()).isPositive();
    }
}
