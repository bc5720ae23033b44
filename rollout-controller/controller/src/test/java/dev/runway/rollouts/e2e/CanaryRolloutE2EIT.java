package dev.runway.rollouts.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.testkit.ServiceClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The acceptance scenarios end to end: the controller (this Spring context), the real gateway (its own
 * process), real demo workloads for stable and canary, real PostgreSQL. Bakes are seconds long.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runway.rollouts.reconcile.interval=PT0.5S"})
class CanaryRolloutE2EIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static GatewayProcess gateway;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        if (gateway == null) {
            gateway = GatewayProcess.start();
        }
        registry.add("runway.rollouts.gateway-admin-url", gateway::adminUrl);
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    @LocalServerPort
    int port;

    ServiceClient controller;
    final List<AutoCloseable> cleanup = new ArrayList<>();
    String route;

    @BeforeEach
    void connect() {
        controller = ServiceClient.at(port);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
        if (route != null) {
            gateway.admin().delete("/api/v1/routes/" + route);
        }
    }

    private DemoWorkload workload(String version, DemoWorkload.Behaviour behaviour) throws Exception {
        DemoWorkload w = new DemoWorkload("127.0.0.1", 0, version, behaviour);
        w.start();
        cleanup.add(w::stop);
        return w;
    }

    /** Given a service whose stable version runs at {@code stable}, routed by the gateway, under load. */
    private void givenAServiceUnderLoad(String service, DemoWorkload stable, int requestsPerSecond) {
        givenAServiceUnderLoad(service, stable, requestsPerSecond, "");
    }

    private void givenAServiceUnderLoad(String service, DemoWorkload stable, int requestsPerSecond, String extra) {
        route = service;
        String stableUrl = "http://127.0.0.1:" + stable.port();
        var created = gateway.admin().post("/api/v1/routes", """
                {"id": "%s", "pathPrefix": "/api", "stable": ["%s"], "canary": [], "canaryWeight": 0}
                """.formatted(route, stableUrl));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var registered = controller.post("/api/v1/services", """
                {"name": "%s", "team": "shop", "deploymentDriver": "STATIC", "routeId": "%s",
                 "stableUpstream": "%s", "stableVersion": "v1"%s}
                """.formatted(service, route, stableUrl, extra));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        cleanup.add(Load.start(gateway.trafficUrl() + "/api/price?sku=ABC", requestsPerSecond));
    }

    private String whenARolloutStarts(String service, DemoWorkload canary, String strategy) {
        var created = controller.post("/api/v1/rollouts", """
                {"service": "%s", "version": "v2", "artifact": "shop-v2", "commitSha": "abc1234",
                 "canaryUpstream": "http://127.0.0.1:%d", "strategy": %s}
                """.formatted(service, canary.port(), strategy));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).path("id").asString();
    }

    private JsonNode awaitRollout(String id, Duration timeout, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = JSON.readTree(controller.get("/api/v1/rollouts/" + id).body());
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("rollout did not get there within " + timeout + "; last: " + last);
    }

    private static Predicate<JsonNode> state(String... states) {
        return r -> List.of(states).contains(r.path("state").asString());
    }

    private static JsonNode transitionTo(JsonNode rollout, String state) {
        for (JsonNode t : rollout.path("transitions")) {
            if (state.equals(t.path("to").asString())) {
                return t;
            }
        }
        throw new AssertionError("no transition to " + state + " in " + rollout.path("transitions"));
    }

    private JsonNode gatewayRoute() {
        return JSON.readTree(gateway.admin().get("/api/v1/routes/" + route).body());
    }

    static final String HALF_THEN_FULL = """
            [{"type": "setWeight", "percent": 50}, {"type": "bake", "duration": "PT20S"},
             {"type": "analyze", "extendUpTo": "PT40S"},
             {"type": "setWeight", "percent": 100}, {"type": "bake", "duration": "PT1S"}]
            """;

    /** A bake far longer than detection should take: an abort inside it shows the analysis is continuous. */
    static final String LONG_BAKE = """
            [{"type": "setWeight", "percent": 50}, {"type": "bake", "duration": "PT90S"},
             {"type": "analyze", "extendUpTo": "PT10S"}]
            """;

    @Test
    void aCanaryWithFivePercentErrorsAgainstHalfAPercentIsRolledBackWithTheFailingMetricAndItsFigures()
            throws Exception {
        // given a stable version failing 0.5 % of requests and a canary failing 5 %
        DemoWorkload v1 = workload("v1", new DemoWorkload.Behaviour(0.005, 0, 0));
        DemoWorkload v2 = workload("v2", new DemoWorkload.Behaviour(0.05, 0, 0));
        givenAServiceUnderLoad("errors", v1, 100);
        // when the rollout runs
        String id = whenARolloutStarts("errors", v2, LONG_BAKE);
        // then it is rolled back by itself, before its bake ends, naming the error ratio with its figures
        JsonNode rollout = awaitRollout(id, Duration.ofSeconds(90), state("ROLLED_BACK", "PROMOTED"));
        assertThat(rollout.path("state").asString()).isEqualTo("ROLLED_BACK");
        JsonNode abort = transitionTo(rollout, "ABORTING");
        assertThat(abort.path("decision").asString()).isEqualTo("abort");
        // judged continuously: the abort came during the 90 s bake (step 2), long before the analysis gate
        assertThat(abort.path("stepIndex").asInt()).isEqualTo(1);
        assertThat(abort.path("reason").asString()).contains("analysis failed during step 2/3 (bake PT1M30S)");
        assertThat(abort.path("failedMetrics").toString()).contains("error-ratio");
        JsonNode errorRatio = metric(abort.path("report"), "error-ratio");
        assertThat(errorRatio.path("outcome").asString()).isEqualTo("FAIL");
        assertThat(errorRatio.path("canaryEstimate").asDouble())
                .isGreaterThan(errorRatio.path("baselineEstimate").asDouble());
        assertThat(errorRatio.path("maxEValue").asDouble())
                .isGreaterThanOrEqualTo(errorRatio.path("failThreshold").asDouble());
        // and the gateway sends nothing to the canary any more
        JsonNode r = gatewayRoute();
        assertThat(r.path("canaryWeight").asInt()).isZero();
        assertThat(r.path("canary").size()).isZero();
    }

    @Test
    void aHealthyCanaryIsPromotedAndBecomesTheStableVersionAndCanBeRolledBack() throws Exception {
        // given two equally healthy versions
        DemoWorkload v1 = workload("v1", new DemoWorkload.Behaviour(0.0, 0, 0));
        DemoWorkload v2 = workload("v2", new DemoWorkload.Behaviour(0.0, 0, 0));
        givenAServiceUnderLoad("healthy", v1, 100);
        // when the rollout runs
        String id = whenARolloutStarts("healthy", v2, HALF_THEN_FULL);
        // then it passes its analysis and is promoted: the gateway's stable pool is the new version
        JsonNode rollout = awaitRollout(id, Duration.ofSeconds(120), state("ROLLED_BACK", "PROMOTED", "PAUSED"));
        assertThat(rollout.path("state").asString()).as(rollout.toString()).isEqualTo("PROMOTED");
        assertThat(rollout.path("transitions").toString()).contains("analysis passed");
        JsonNode r = gatewayRoute();
        assertThat(r.path("stable").get(0).asString()).isEqualTo("http://127.0.0.1:" + v2.port());
        assertThat(r.path("canaryWeight").asInt()).isZero();
        JsonNode service =
                JSON.readTree(controller.get("/api/v1/services/healthy").body());
        assertThat(service.path("stableVersion").asString()).isEqualTo("v2");

        // and when on-call rolls the promoted release back, the previous stable version serves again
        var rollback =
                controller.post("/api/v1/rollouts/" + id + "/rollback", "{\"reason\": \"checkout totals wrong\"}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(200);
        JsonNode reverted = awaitRollout(id, Duration.ofSeconds(30), state("ROLLED_BACK"));
        assertThat(reverted.path("reason").asString()).contains("reverted", "checkout totals wrong");
        assertThat(gatewayRoute().path("stable").get(0).asString()).isEqualTo("http://127.0.0.1:" + v1.port());
        service = JSON.readTree(controller.get("/api/v1/services/healthy").body());
        assertThat(service.path("stableVersion").asString()).isEqualTo("v1");
    }

    @Test
    void aCanaryFortyPercentSlowerAtP99IsRolledBack() throws Exception {
        // given a stable version at ~50 ms and a canary ~40 % slower
        DemoWorkload v1 = workload("v1", new DemoWorkload.Behaviour(0.0, 50, 10));
        DemoWorkload v2 = workload("v2", new DemoWorkload.Behaviour(0.0, 70, 14));
        givenAServiceUnderLoad("slow", v1, 100);
        // when the rollout runs
        String id = whenARolloutStarts("slow", v2, HALF_THEN_FULL);
        // then latency fails and the rollout is rolled back
        JsonNode rollout = awaitRollout(id, Duration.ofSeconds(90), state("ROLLED_BACK", "PROMOTED"));
        assertThat(rollout.path("state").asString()).isEqualTo("ROLLED_BACK");
        JsonNode abort = transitionTo(rollout, "ABORTING");
        assertThat(abort.path("failedMetrics").toString()).contains("latency");
        JsonNode latency = metric(abort.path("report"), "latency");
        assertThat(latency.path("outcome").asString()).isEqualTo("FAIL");
        // the decisive figures: the evidence of harm reached the metric's threshold, at a recorded time
        assertThat(latency.path("maxEValue").asDouble())
                .isGreaterThanOrEqualTo(latency.path("failThreshold").asDouble());
        assertThat(latency.path("harmEvidenceAt").asString()).isNotBlank();
    }

    @Test
    void aCanaryWithTooLittleTrafficEndsInconclusiveAndPausesInsteadOfPassing() throws Exception {
        // given a trickle of traffic: far below the judge's minimum sample in the time allowed
        DemoWorkload v1 = workload("v1", new DemoWorkload.Behaviour(0.0, 0, 0));
        DemoWorkload v2 = workload("v2", new DemoWorkload.Behaviour(0.0, 0, 0));
        givenAServiceUnderLoad("quiet", v1, 4);
        // when the rollout reaches its analysis
        String id = whenARolloutStarts("quiet", v2, """
                [{"type": "setWeight", "percent": 25}, {"type": "bake", "duration": "PT5S"},
                 {"type": "analyze", "extendUpTo": "PT10S"}, {"type": "setWeight", "percent": 100}]
                """);
        // then it pauses, saying INCONCLUSIVE, and is not promoted
        JsonNode rollout = awaitRollout(id, Duration.ofSeconds(60), state("PAUSED", "PROMOTED", "ROLLED_BACK"));
        assertThat(rollout.path("state").asString()).isEqualTo("PAUSED");
        assertThat(rollout.path("reason").asString()).contains("INCONCLUSIVE");
        assertThat(gatewayRoute().path("canaryWeight").asInt()).isEqualTo(2500);
    }

    @Test
    void audienceRingsReachTheCanaryOneRingAtATimeBeforeAnyWeightAndAreClearedByARollback() throws Exception {
        // given a service with two rings: the owning team, then beta testers, both by header
        DemoWorkload v1 = workload("v1", new DemoWorkload.Behaviour(0, 0, 0));
        DemoWorkload v2 = workload("v2", new DemoWorkload.Behaviour(0, 0, 0));
        givenAServiceUnderLoad("rings", v1, 20, """
                , "rings": [{"name": "ring 0", "source": "HEADER", "key": "X-Team", "values": ["shop"]},
                            {"name": "ring 1", "source": "HEADER", "key": "X-Team", "values": ["beta"]}]""");

        // when a rollout opens ring 0, then ring 1, then 50 %, pausing after each for a person to resume
        String id = whenARolloutStarts("rings", v2, """
                [{"type": "setAudience", "ring": 0}, {"type": "pause"},
                 {"type": "setAudience", "ring": 1}, {"type": "pause"},
                 {"type": "setWeight", "percent": 50}, {"type": "pause"}]
                """);
        awaitRollout(
                id,
                Duration.ofSeconds(30),
                r -> state("PAUSED").test(r) && r.path("stepIndex").asInt() == 1);

        // then the owning team is served by the canary, everyone else (beta testers included) by stable
        assertThat(servedVersions("shop")).containsOnly("v2");
        assertThat(servedVersions("beta")).containsOnly("v1");
        assertThat(servedVersions(null)).containsOnly("v1");
        assertThat(gatewayRoute().path("canaryWeight").asDouble()).isZero();

        // when resumed: ring 1 joins, the weight is still 0 for the rest
        resume(id);
        awaitRollout(
                id,
                Duration.ofSeconds(30),
                r -> state("PAUSED").test(r) && r.path("stepIndex").asInt() == 3);
        assertThat(servedVersions("shop")).containsOnly("v2");
        assertThat(servedVersions("beta")).containsOnly("v2");
        assertThat(servedVersions(null)).containsOnly("v1");

        // when resumed again: half of everyone else
        resume(id);
        awaitRollout(
                id,
                Duration.ofSeconds(30),
                r -> state("PAUSED").test(r) && r.path("stepIndex").asInt() == 5);
        assertThat(gatewayRoute().path("canaryWeight").asInt())
                .as("basis points")
                .isEqualTo(5000);
        assertThat(servedVersions(null)).contains("v1", "v2");

        // when rolled back: no ring and no weight reach the canary any more
        var abort = controller.post("/api/v1/rollouts/" + id + "/abort", "{\"reason\": \"rings test rollback\"}");
        assertThat(abort.status()).as(abort.body()).isEqualTo(200);
        awaitRollout(id, Duration.ofSeconds(30), state("ROLLED_BACK"));
        assertThat(gatewayRoute().path("audiences")).isEmpty();
        assertThat(servedVersions("shop")).containsOnly("v1");
        assertThat(servedVersions(null)).containsOnly("v1");
    }

    @Test
    void aRolloutThatCannotBeCarriedOutShowsItsFailureStreakAndFailsAtTheLimit() throws Exception {
        // given a service whose route does not exist at the gateway
        DemoWorkload v2 = workload("v2", new DemoWorkload.Behaviour(0, 0, 0));
        var registered = controller.post("/api/v1/services", """
                {"name": "no-route", "team": "shop", "deploymentDriver": "STATIC", "routeId": "no-such-route",
                 "stableUpstream": "http://127.0.0.1:9", "stableVersion": "v1"}
                """);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        // when a rollout starts, every pass fails to attach the canary
        String id = whenARolloutStarts("no-route", v2, "[{\"type\": \"setWeight\", \"percent\": 10}]");

        // then the rollout shows the streak and the newest error while it lasts, and fails at the limit (20)
        JsonNode failing = awaitRollout(
                id, Duration.ofSeconds(30), r -> r.path("consecutiveFailures").asInt() >= 3);
        assertThat(failing.path("state").asString()).isEqualTo("PENDING");
        assertThat(failing.path("lastError").asString()).contains("no-such-route");
        JsonNode failed = awaitRollout(id, Duration.ofSeconds(60), state("FAILED"));
        assertThat(failed.path("reason").asString()).contains("20 attempts in a row failed");
        assertThat(failed.path("consecutiveFailures").asInt()).isZero();
    }

    private void resume(String id) {
        var resumed = controller.post("/api/v1/rollouts/" + id + "/resume", "{\"reason\": \"looks good\"}");
        assertThat(resumed.status()).as(resumed.body()).isEqualTo(200);
    }

    /** Versions that served 40 requests through the gateway, with the X-Team header or without it. */
    private java.util.Set<String> servedVersions(String team) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var versions = new java.util.TreeSet<String>();
        for (int i = 0; i < 40; i++) {
            // no cookie: the gateway draws each request afresh, so sticky assignment does not hide the split
            var request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(gateway.trafficUrl() + "/api/price?sku=R" + i));
            if (team != null) {
                request.header("X-Team", team);
            }
            var response = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            versions.add(JSON.readTree(response.body()).path("version").asString());
        }
        return versions;
    }

    private static JsonNode metric(JsonNode report, String name) {
        for (JsonNode m : report.path("metrics")) {
            if (name.equals(m.path("metric").asString())) {
                return m;
            }
        }
        throw new AssertionError("no metric " + name + " in " + report);
    }
}
