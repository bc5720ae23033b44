package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.slo.Caller;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A fast burn stops a rollout, end to end: the real rollout-controller and the real gateway each run from their
 * jars in processes of their own on the test database, demo workloads serve the stable and the canary
 * version, and this Spring context is the slo-engine. Cycles are driven by the test, so "within one cycle" is
 * checked as "by the end of the cycle that fired the page", without timing anything.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "runway.slo.interval=PT1H")
class RolloutAbortE2EIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static DemoWorkload stable;
    static DemoWorkload canary;
    static ServiceProcess gateway;
    static ServiceProcess controller;
    static int trafficPort;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        stable = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        stable.start();
        canary = new DemoWorkload("127.0.0.1", 0, "v2", new DemoWorkload.Behaviour(0, 0, 0));
        canary.start();
        trafficPort = ServiceProcess.freePort();
        gateway = ServiceProcess.fromJarProperty("runway.gateway.jar", "gateway")
                .arg("--runway.gateway.traffic-port=" + trafficPort)
                .arg("--runway.gateway.traffic-host=127.0.0.1")
                .start();
        controller = ServiceProcess.fromJarProperty("runway.controller.jar", "controller")
                .arg("--runway.rollouts.gateway-admin-url=" + gateway.url())
                .arg("--runway.rollouts.reconcile.interval=PT0.5S")
                .start();
        registry.add("runway.slo.rollout-controller-url", controller::url);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            // the routes table is shared with the other gateway tests in this JVM's database
            gateway.client().delete("/api/v1/routes/tills");
        }
        for (AutoCloseable c : new AutoCloseable[] {controller, gateway, stable::stop, canary::stop}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SloEvaluator evaluator;

    @Test
    void givenARolloutInProgressWhenErrorsDriveAPageThenTheRolloutIsRolledBackWithTheAlertAsItsReason()
            throws Exception {
        // given the service tills, routed by the gateway, registered with the controller, with an SLO
        String stableUrl = "http://127.0.0.1:" + stable.port();
        var route = gateway.client().post("/api/v1/routes", """
                {"id": "tills", "pathPrefix": "/api/price", "stable": ["%s"], "canary": [], "canaryWeight": 0}
                """.formatted(stableUrl));
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        var service = controller.client().post("/api/v1/services", """
                {"name": "tills", "team": "shop", "deploymentDriver": "STATIC", "routeId": "tills",
                 "stableUpstream": "%s", "stableVersion": "v1"}""".formatted(stableUrl));
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        var slo = Caller.sre(port).post("/api/v1/slos", """
                {"name": "tills-availability", "service": "tills", "target": 0.999, "window": "30d",
                 "minimumEvents": 50, "indicator": {"kind": "gateway-availability", "route": "tills"}}""");
        assertThat(slo.status()).as(slo.body()).isEqualTo(201);

        // and a rollout of v2 at 50 % in a long bake
        var created = controller.client().post("/api/v1/rollouts", """
                {"service": "tills", "version": "v2", "artifact": "tills-v2", "commitSha": "abc1234",
                 "canaryUpstream": "http://127.0.0.1:%d",
                 "strategy": [{"type": "setWeight", "percent": 50}, {"type": "bake", "duration": "PT30M"}]}
                """.formatted(canary.port()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asString();
        await(
                id,
                r -> "PROGRESSING".equals(r.path("state").asString())
                        && r.path("stepIndex").asInt() == 1);

        var users = ServiceClient.at("http://127.0.0.1:" + trafficPort, null);
        send(users, 200);
        awaitFlush();
        evaluator.evaluateAll();
        assertThat(rollout(id).path("state").asString()).isEqualTo("PROGRESSING");

        // when both versions start failing every request (a shared dependency is down: the canary is no worse
        // than the baseline, so the canary analysis has nothing against it; only the SLO can stop this rollout)
        stable.behave(new DemoWorkload.Behaviour(1.0, 0, 0));
        canary.behave(new DemoWorkload.Behaviour(1.0, 0, 0));
        send(users, 200);
        awaitFlush();
        evaluator.evaluateAll();

        // then by the end of the cycle that fired the page the rollout is aborting, with the alert as reason
        assertThat(Caller.sre(port).get("/api/v1/alerts?slo=tills-availability").body())
                .contains("\"label\":\"page-1h-5m\"", "\"state\":\"FIRING\"");
        JsonNode aborted = rollout(id);
        assertThat(aborted.path("state").asString()).isIn("ABORTING", "ROLLED_BACK");
        JsonNode abort = transitionTo(aborted, "ABORTING");
        assertThat(abort.path("actor").asString()).isEqualTo("slo-engine");
        assertThat(abort.path("reason").asString()).contains("tills-availability", "page-1h-5m");

        // and it ends rolled back, the gateway sending nothing to the canary
        JsonNode done = await(id, r -> "ROLLED_BACK".equals(r.path("state").asString()));
        assertThat(done.path("reason").asString()).contains("page-1h-5m");
        JsonNode gatewayRoute =
                JSON.readTree(gateway.client().get("/api/v1/routes/tills").body());
        assertThat(gatewayRoute.path("canaryWeight").asInt()).isZero();

        // and the SLO's status shows how much of its budget this rollout's canary spent
        JsonNode status = JSON.readTree(
                Caller.sre(port).get("/api/v1/slos/tills-availability/status").body());
        JsonNode spend = null;
        for (JsonNode r : status.path("attribution").path("rollouts")) {
            if (id.equals(r.path("rollout").asString())) {
                spend = r;
            }
        }
        assertThat(spend).as(status.toString()).isNotNull();
        assertThat(spend.path("version").asString()).isEqualTo("v2");
        assertThat(spend.path("canaryEvents").asLong()).isPositive();
        assertThat(spend.path("canaryBadEvents").asLong()).isPositive();
        assertThat(spend.path("budgetSpent").asDouble()).isPositive();
        // no fault was injected: no chaos experiment spent anything, and that is known, not missing
        assertThat(status.path("attribution").path("chaosExperiments").isArray())
                .as(status.toString())
                .isTrue();
        assertThat(status.path("attribution").path("chaosExperiments")).isEmpty();
    }

    private JsonNode rollout(String id) {
        return JSON.readTree(controller.client().get("/api/v1/rollouts/" + id).body());
    }

    private JsonNode await(String id, java.util.function.Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = rollout(id);
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the rollout did not get there; last: " + last);
    }

    private static JsonNode transitionTo(JsonNode rollout, String state) {
        for (JsonNode t : rollout.path("transitions")) {
            if (state.equals(t.path("to").asString())) {
                return t;
            }
        }
        throw new AssertionError("no transition to " + state + " in " + rollout.path("transitions"));
    }

    private static void send(ServiceClient users, int requests) {
        for (int i = 0; i < requests; i++) {
            users.get("/api/price?sku=T" + (i % 10));
        }
    }

    /** The gateway writes each 5 s bucket when it closes; wait past the next boundary. */
    private static void awaitFlush() throws InterruptedException {
        Thread.sleep(6_500);
    }
}
