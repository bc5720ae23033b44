package dev.runway.slo.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.slo.budget.EventCounts;
import dev.runway.slo.definition.Indicator;
import dev.runway.testkit.ServiceClient;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The evaluation's plumbing over real PostgreSQL and HTTP: alert history, status API and posture, with the
 * event counts scripted. (Counting from the real gateway store is covered by the end-to-end test.)
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"runway.slo.interval=PT1H", "runway.slo.gateway-source=false"})
class SloEvaluationIT {
    /** Every window gets the same error ratio: what a steady burn looks like. */
    static final AtomicReference<Double> ERROR_RATIO = new AtomicReference<>(0.0);

    @TestConfiguration
    static class ScriptedTraffic {
        /** Stands in for the gateway source, switched off for this test, so only scripted counts are read. */
        @Bean
        EventSource scriptedEventSource() {
            return new EventSource() {
                @Override
                public boolean reads(Indicator indicator) {
                    return true;
                }

                @Override
                public EventCounts count(Indicator indicator, Duration window) {
                    long total = window.toSeconds() * 10;
                    return new EventCounts(total, Math.round(total * ERROR_RATIO.get()));
                }
            };
        }
    }

    /** Plays the rollout-controller's API: one active rollout of service journal, and records aborts. */
    static final java.util.List<String> ABORTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static com.sun.net.httpserver.HttpServer controller;
    /** A Slack-compatible receiver: every message posted to it. */
    static final java.util.concurrent.BlockingQueue<String> NOTIFIED = new java.util.concurrent.LinkedBlockingQueue<>();

    static com.sun.net.httpserver.HttpServer webhook;

    @org.springframework.test.context.DynamicPropertySource
    static void controller(org.springframework.test.context.DynamicPropertyRegistry registry) throws Exception {
        controller = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        controller.createContext("/api/v1/rollouts", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String query = String.valueOf(exchange.getRequestURI().getQuery());
            String body = "[]";
            int status = 200;
            if ("GET".equals(exchange.getRequestMethod())
                    && query.contains("service=journal")
                    && query.contains("state=PROGRESSING")) {
                body = "[{\"id\":\"r-42\",\"service\":\"journal\",\"state\":\"PROGRESSING\"}]";
            } else if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/r-42/abort")) {
                ABORTS.add(exchange.getRequestHeaders().getFirst("X-Runway-Actor") + " | "
                        + exchange.getRequestHeaders().getFirst("X-Runway-Internal-Token") + " | "
                        + new String(
                                exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                // a second abort of the same rollout is refused, as the real controller does
                status = ABORTS.size() == 1 ? 200 : 409;
                body = "{}";
            }
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        controller.start();
        webhook = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/slack", exchange -> {
            NOTIFIED.add(new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        registry.add(
                "runway.slo.notifications.webhooks",
                () -> "http://127.0.0.1:" + webhook.getAddress().getPort() + "/slack");
        registry.add(
                "runway.slo.rollout-controller-url",
                () -> "http://127.0.0.1:" + controller.getAddress().getPort());
    }

    @org.junit.jupiter.api.AfterAll
    static void stopController() {
        controller.stop(0);
        webhook.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    SloEvaluator evaluator;

    /** A 99.9 % / 30 d availability SLO {@code <service>-availability} on the gateway route of that name. */
    private static void givenAnAvailabilitySlo(dev.runway.testkit.ServiceClient sre, String service) {
        assertThat(sre.post("/api/v1/slos", """
                {"name": "%s-availability", "service": "%s", "target": 0.999, "window": "30d",
                 "indicator": {"kind": "gateway-availability", "route": "%s"}}""".formatted(service, service, service))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void givenAnSloWhenErrorsBurnTheBudgetThenPagesFireOnceThePostureFreezesAndBothResolveWhenErrorsStop() {
        var api = dev.runway.slo.Caller.sre(port);
        givenAnAvailabilitySlo(api, "journal");

        // given a healthy service
        ERROR_RATIO.set(0.0);
        evaluator.evaluateAll();
        assertThat(api.get("/api/v1/services/journal/posture").body()).contains("\"posture\":\"AGGRESSIVE\"");

        // when 2 % of requests fail everywhere (20x a 0.1 % budget)
        ERROR_RATIO.set(0.02);
        evaluator.evaluateAll();
        evaluator.evaluateAll();

        // then both pages and both tickets fire, once each, and the budget is gone
        String alerts = api.get("/api/v1/alerts?slo=journal-availability").body();
        assertThat(alerts.split("\"state\":\"FIRING\"", -1)).hasSize(5);
        assertThat(api.get("/api/v1/slos/journal-availability/status").body())
                .contains("\"label\":\"page-1h-5m\"", "\"state\":\"FIRING\"");
        assertThat(api.get("/api/v1/services/journal/posture").body())
                .contains("\"posture\":\"FREEZE\"", "journal-availability");
        // and the page stopped the service's rollout at the controller, naming the alert, once per cycle
        assertThat(ABORTS).isNotEmpty();
        assertThat(ABORTS.getFirst()).startsWith("slo-engine | ").contains("journal-availability", "page-1h-5m");
        // and each firing was announced once, with its tier
        assertThat(awaitMessages("FIRING: SLO *journal-availability*", 4))
                .anySatisfy(m -> assertThat(m).startsWith("[page] FIRING").contains("page-1h-5m"))
                .anySatisfy(m -> assertThat(m).startsWith("[ticket] FIRING").contains("ticket-1d-2h"));

        // when the errors stop, then every alert resolves (the 30-day budget stays spent)
        ERROR_RATIO.set(0.0);
        evaluator.evaluateAll();
        String after = api.get("/api/v1/alerts?slo=journal-availability").body();
        assertThat(after).doesNotContain("\"state\":\"FIRING\"");
        assertThat(after.split("\"state\":\"RESOLVED\"", -1)).hasSize(5);
        assertThat(awaitMessages("RESOLVED: SLO *journal-availability*", 4))
                .anySatisfy(m -> assertThat(m).startsWith("[page] RESOLVED"));
    }

    /** The texts of the webhook messages containing {@code needle}, once {@code count} of them arrived. */
    private static java.util.List<String> awaitMessages(String needle, int count) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (texts.size() < count && System.nanoTime() < deadline) {
            try {
                String body = NOTIFIED.poll(1, java.util.concurrent.TimeUnit.SECONDS);
                if (body != null) {
                    String text = tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .readTree(body)
                            .path("text")
                            .asString();
                    if (text.contains(needle)) {
                        texts.add(text);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertThat(texts).as("messages containing " + needle).hasSize(count);
        return texts;
    }

    @Test
    void givenAFrozenServiceWhenABreakGlassIsApprovedThenThePostureStaysFrozenAndNamesIt() {
        var sre = dev.runway.slo.Caller.sre(port);
        givenAnAvailabilitySlo(sre, "vault");
        ERROR_RATIO.set(0.02);
        evaluator.evaluateAll();
        assertThat(sre.get("/api/v1/services/vault/posture").body())
                .contains("\"posture\":\"FREEZE\"", "\"breakGlass\":null");

        String asked = dev.runway.slo.Caller.at(port, "dev-dana", "USER", "deployer")
                .post("/api/v1/break-glass", """
                        {"service": "vault", "justification": "INC-77: revert of the broken vault client"}""")
                .body();
        String id = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(asked)
                .path("id")
                .asString();
        // asked but not approved: nothing changes
        assertThat(sre.get("/api/v1/services/vault/posture").body()).contains("\"breakGlass\":null");

        assertThat(sre.post("/api/v1/break-glass/" + id + "/approve", "").status())
                .isEqualTo(200);
        assertThat(sre.get("/api/v1/services/vault/posture").body())
                .contains(
                        "\"posture\":\"FREEZE\"",
                        "\"id\":\"" + id + "\"",
                        "\"requestedBy\":\"dev-dana\"",
                        "\"approvedBy\":\"sre-sam\"",
                        "INC-77");
        ERROR_RATIO.set(0.0);
    }

    @Test
    void aServiceWithAPolicyOverrideGetsThePostureOfItsOwnThresholds() {
        var sre = dev.runway.slo.Caller.sre(port);
        givenAnAvailabilitySlo(sre, "mint");
        ERROR_RATIO.set(0.0);
        evaluator.evaluateAll();
        assertThat(sre.get("/api/v1/services/mint/posture").body()).contains("\"posture\":\"AGGRESSIVE\"");

        // mint is never aggressive: nothing lies above 1.0
        var policy = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(sre.get("/api/v1/policy").body())
                .path("policy");
        assertThat(sre.post("/api/v1/policy", """
                        {"aggressiveAbove": %s, "normalAbove": %s, "freezeAtOrBelow": %s,
                         "overrides": {"mint": {"aggressiveAbove": 1.0, "normalAbove": 0.5, "freezeAtOrBelow": 0.0}}}""".formatted(
                                        policy.path("aggressiveAbove"),
                                        policy.path("normalAbove"),
                                        policy.path("freezeAtOrBelow")))
                        .status())
                .isEqualTo(201);
        assertThat(sre.get("/api/v1/services/mint/posture").body())
                .contains("\"posture\":\"NORMAL\"", "override for mint");
    }

    @Test
    void anSloNotEvaluatedYetIsA404AndABadLimitIsA400() {
        var api = ServiceClient.at(port);
        dev.runway.testkit.Problems.assertProblem(api.get("/api/v1/slos/nothing-here/status"), 404);
        dev.runway.testkit.Problems.assertProblem(api.get("/api/v1/alerts?limit=0"), 400, "limit");
    }
}
