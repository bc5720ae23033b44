package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.demo.DemoWorkload;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.ServiceProcess;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
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
 * End to end with the real gateway: its jar runs in its own process on the same PostgreSQL, the demo
 * workload sits behind a route, errors are injected and stopped, and the SLO engine reads the metrics store
 * the gateway writes, like it does in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "runway.slo.interval=PT1H")
class BurnWithRealGatewayIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int ADMIN_PORT = ServiceProcess.freePort();
    static final int TRAFFIC_PORT = ServiceProcess.freePort();
    static DemoWorkload ledger;
    static ServiceProcess gateway;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws Exception {
        ledger = new DemoWorkload("127.0.0.1", 0, "v1", new DemoWorkload.Behaviour(0, 0, 0));
        ledger.start();
        gateway = ServiceProcess.fromJarProperty("runway.gateway.jar", "gateway")
                .port(ADMIN_PORT)
                .arg("--runway.gateway.traffic-port=" + TRAFFIC_PORT)
                .arg("--runway.gateway.traffic-host=127.0.0.1")
                .start();
        // nothing to point at: the engine reads the gateway's metrics store in the shared database directly
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            // the routes table is shared with the other gateway tests in this JVM's database
            gateway.client().delete("/api/v1/routes/ledger");
            gateway.client().delete("/api/v1/routes/vault");
            gateway.close();
        }
        if (ledger != null) {
            ledger.stop();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SloEvaluator evaluator;

    @Test
    void
            givenTrafficThroughTheGatewayWhenErrorsBurnThenThePageFiresOnceThePostureFreezesAndThePageResolvesWhenErrorsStop()
                    throws Exception {
        var slo = givenARouteWithAnAvailabilitySlo("ledger", "/api", 0.999, 50);
        var users = ServiceClient.at("http://localhost:" + TRAFFIC_PORT, null);

        // given healthy traffic
        send(users, 200);
        awaitFlush();
        evaluator.evaluateAll();
        assertThat(slo.get("/api/v1/services/ledger/posture").body()).contains("\"posture\":\"AGGRESSIVE\"");

        // when every request fails for a while
        ledger.behave(new DemoWorkload.Behaviour(1.0, 0, 0));
        send(users, 100);
        awaitFlush();
        evaluator.evaluateAll();
        evaluator.evaluateAll();

        // then the fast page fires once, and the budget being gone freezes the service
        String firing = slo.get("/api/v1/alerts?slo=ledger-answers").body();
        assertThat(firing).contains("\"label\":\"page-1h-5m\"");
        assertThat(count(firing, "\"label\":\"page-1h-5m\"")).isEqualTo(1);
        assertThat(slo.get("/api/v1/services/ledger/posture").body()).contains("\"posture\":\"FREEZE\"");

        // when the errors stop and enough good traffic dilutes the short window below 14.4x
        ledger.behave(new DemoWorkload.Behaviour(0, 0, 0));
        send(users, 8_000);
        awaitFlush();
        evaluator.evaluateAll();

        // then the page resolves (the month's budget stays spent, so the freeze holds)
        String resolved = slo.get("/api/v1/alerts?slo=ledger-answers").body();
        assertThat(resolved).contains("\"label\":\"page-1h-5m\"", "\"state\":\"RESOLVED\"");
        assertThat(count(resolved, "\"label\":\"page-1h-5m\"")).isEqualTo(1);
        assertThat(slo.get("/api/v1/services/ledger/posture").body()).contains("\"posture\":\"FREEZE\"");
    }

    @Test
    void givenAChaosExperimentsFaultWhenItFailsRequestsThenTheSloStatusNamesTheExperimentAndTheBudgetItSpent()
            throws Exception {
        var slo = givenARouteWithAnAvailabilitySlo("vault", "/vault", 0.99, 1);
        var admin = admin();
        // given a chaos experiment's fault failing the drill group's requests, and a hand-made fault without one
        var drill = admin.post("/api/v1/routes/vault/faults", """
                {"experiment": "exp-vault-503", "percent": 100, "abortStatus": 503, "ttl": "PT5M",
                 "header": {"name": "X-Drill", "value": "yes"}}""");
        assertThat(drill.status()).as(drill.body()).isEqualTo(201);
        String drillFault = JSON.readTree(drill.body()).path("id").asString();
        var handMade = admin.post("/api/v1/routes/vault/faults", """
                {"percent": 100, "delayMs": 1, "ttl": "PT5M", "header": {"name": "X-Slow"}}""");
        assertThat(handMade.status()).as(handMade.body()).isEqualTo(201);
        String handMadeFault = JSON.readTree(handMade.body()).path("id").asString();

        // when 30 drill requests, 10 slowed ones and 60 others go through the gateway
        var users = ServiceClient.at("http://localhost:" + TRAFFIC_PORT, null);
        for (int i = 0; i < 100; i++) {
            String header = i < 30 ? "X-Drill" : i < 40 ? "X-Slow" : "X-Nothing";
            users.withHeader(header, "yes").get("/vault/price?sku=V" + i);
        }
        awaitFlush();
        evaluator.evaluateAll();

        // then the status attributes the 30 failures to the experiment: 30 bad of a budget of 1 % of 100 events
        JsonNode status =
                JSON.readTree(slo.get("/api/v1/slos/vault-answers/status").body());
        assertThat(status.path("events").asLong()).as(status.toString()).isEqualTo(100);
        assertThat(status.path("badEvents").asLong()).isEqualTo(30);
        JsonNode experiments = status.path("attribution").path("chaosExperiments");
        assertThat(experiments.size()).as(status.toString()).isEqualTo(2);
        JsonNode experiment =
                experiments.get(0).path("experiment").isString() ? experiments.get(0) : experiments.get(1);
        JsonNode unlabelled = experiment == experiments.get(0) ? experiments.get(1) : experiments.get(0);
        assertThat(experiment.path("experiment").asString()).isEqualTo("exp-vault-503");
        assertThat(experiment.path("faults").get(0).asString()).isEqualTo(drillFault);
        assertThat(experiment.path("events").asLong()).isEqualTo(30);
        assertThat(experiment.path("badEvents").asLong()).isEqualTo(30);
        assertThat(experiment.path("budgetSpent").asDouble())
                .isCloseTo(30.0, org.assertj.core.data.Offset.offset(1e-9));
        // and the hand-made fault is its own entry, which spent nothing: its requests only waited
        assertThat(unlabelled.path("experiment").isNull()).isTrue();
        assertThat(unlabelled.path("faults").get(0).asString()).isEqualTo(handMadeFault);
        assertThat(unlabelled.path("events").asLong()).isEqualTo(10);
        assertThat(unlabelled.path("badEvents").asLong()).isZero();
    }

    /** A route {@code id} to the demo workload, and SLO {@code <id>-answers} on it; returns an sre's client. */
    private ServiceClient givenARouteWithAnAvailabilitySlo(String id, String prefix, double target, int minimumEvents) {
        var route = admin().post("/api/v1/routes", """
                {"id": "%s", "pathPrefix": "%s", "stable": ["http://127.0.0.1:%d"]}""".formatted(id, prefix, ledger.port()));
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        var slo = dev.runway.slo.Caller.sre(port);
        var created = slo.post("/api/v1/slos", """
                {"name": "%s-answers", "service": "%s", "target": %s, "window": "30d", "minimumEvents": %d,
                 "indicator": {"kind": "gateway-availability", "route": "%s"}}""".formatted(id, id, target, minimumEvents, id));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return slo;
    }

    private static ServiceClient admin() {
        return ServiceClient.at("http://localhost:" + ADMIN_PORT, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
    }

    private static void send(ServiceClient users, int requests) {
        for (int i = 0; i < requests; i++) {
            users.get("/api/price?sku=L" + (i % 10));
        }
    }

    /** The gateway writes each 5 s bucket when it closes; wait past the next boundary. */
    private static void awaitFlush() throws InterruptedException {
        Thread.sleep(6_500);
    }

    private static int count(String text, String needle) {
        return text.split(java.util.regex.Pattern.quote(needle), -1).length - 1;
    }
}
