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

/**
 * End to end with the real gateway: its jar runs in its own process on the same PostgreSQL, the demo
 * workload sits behind a route, errors are injected and stopped, and the SLO engine reads the metrics store
 * the gateway writes, like it does in production.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "runway.slo.interval=PT1H")
class BurnWithRealGatewayIT {
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
        var admin =
                ServiceClient.at("http://localhost:" + ADMIN_PORT, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN);
        assertThat(admin.post(
                                "/api/v1/routes",
                                "{\"id\": \"ledger\", \"pathPrefix\": \"/api\", \"stable\": [\"http://127.0.0.1:"
                                        + ledger.port() + "\"]}")
                        .status())
                .isEqualTo(201);
        var slo = dev.runway.slo.Caller.sre(port);
        assertThat(slo.post("/api/v1/slos", """
                {"name": "ledger-answers", "service": "ledger", "target": 0.999, "window": "30d", "minimumEvents": 50,
                 "indicator": {"kind": "gateway-availability", "route": "ledger"}}""").status()).isEqualTo(201);
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
