package dev.runway.api.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.api.support.StandIn;
import dev.runway.testkit.Problems;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The capability figures and the maturity rung through the API, from a seeded rollout history served by a
 * stand-in rollout-controller and budget attribution served by a stand-in slo-engine. The history is the one
 * of {@code CapabilityMetricsTest}, whose figures are worked out by hand there.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
class CapabilityApiIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant T0 = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    static StandIn controller;
    static StandIn slo;
    static StandIn flags;

    static String at(String offset) {
        return T0.plus(Duration.parse("PT" + offset)).toString();
    }

    /** Newest first, as the controller lists them. */
    static final Map<String, String> ROLLOUTS = new LinkedHashMap<>();

    static {
        ROLLOUTS.put("d", rollout("d", "20h", "20h", true, Map.of("ABORTING", "20h10m", "ROLLED_BACK", "20h10m0.4s")));
        ROLLOUTS.put("c", rollout("c", "10h", "10h", false, Map.of("PROMOTED", "12h")));
        ROLLOUTS.put(
                "b",
                rollout(
                        "b",
                        "2h",
                        "3h",
                        true,
                        Map.of("PROMOTED", "5h", "ABORTING", "5h30m", "ROLLED_BACK", "5h30m2s")));
        ROLLOUTS.put("a", rollout("a", "0h", "30m", true, Map.of("PROMOTED", "1h")));
    }

    static String rollout(String id, String commit, String created, boolean armed, Map<String, String> transitions) {
        StringBuilder list = new StringBuilder();
        transitions.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(
                        (x, y) -> Duration.parse("PT" + x).compareTo(Duration.parse("PT" + y))))
                .forEach(t -> list.append(list.isEmpty() ? "" : ",")
                        .append("{\"to\": \"%s\", \"at\": \"%s\"}".formatted(t.getKey(), at(t.getValue()))));
        String steps = armed
                ? "[{\"type\": \"setWeight\", \"percent\": 50}, {\"type\": \"analyze\"}]"
                : "[{\"type\": \"setWeight\", \"percent\": 50}]";
        return """
                {"id": "%s", "service": "shop", "version": "%s", "commitTime": "%s", "createdAt": "%s",
                 "strategy": {"steps": %s}, "transitions": [%s]}
                """.formatted(id, id, at(commit), at(created), steps, list);
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (controller == null) {
            controller = StandIn.start(call -> {
                String path = call.path();
                if (path.startsWith("/api/v1/rollouts?")) {
                    return new StandIn.Answer(200, "[" + String.join(",", ROLLOUTS.values()) + "]");
                }
                if (path.startsWith("/api/v1/rollouts/")) {
                    return new StandIn.Answer(200, ROLLOUTS.get(path.substring("/api/v1/rollouts/".length())));
                }
                if (path.equals("/api/v1/services/shop")) {
                    return new StandIn.Answer(200, "{\"name\": \"shop\", \"team\": \"shop\", \"routeId\": \"shop\"}");
                }
                return new StandIn.Answer(404, "{\"status\": 404, \"title\": \"Not found\", \"detail\": \"no\"}");
            });
            slo = StandIn.start(call -> switch (call.path()) {
                case "/api/v1/slos" -> new StandIn.Answer(200, "[{\"name\": \"shop-avail\", \"service\": \"shop\"}]");
                case "/api/v1/slos/shop-avail/status" -> new StandIn.Answer(200, """
                            {"attribution": {"rollouts": [{"rollout": "a", "budgetSpent": 0.01},
                                                          {"rollout": "b", "budgetSpent": 0.03},
                                                          {"rollout": "c", "budgetSpent": null}]}}
                            """);
                default -> new StandIn.Answer(404, "{\"status\": 404, \"title\": \"Not found\", \"detail\": \"no\"}");
            });
            // the shop's one flag, owned by it: the maturity ladder asks for the service's flags
            flags = StandIn.start(call -> new StandIn.Answer(
                    200,
                    call.path().equals("/api/v1/flags?service=shop")
                            ? "[{\"version\": 1, \"flag\": {\"key\": \"new-checkout\", \"service\": \"shop\"}}]"
                            : "[]"));
        }
        registry.add("runway.api.peers.rollout-controller", controller::url);
        registry.add("runway.api.peers.slo-engine", slo::url);
        registry.add("runway.api.peers.flag-service", flags::url);
    }

    @AfterAll
    static void stop() {
        controller.close();
        slo.close();
        flags.close();
        controller = null;
    }

    @LocalServerPort
    int port;

    @Test
    void theSeededHistoryGivesTheHandComputedFiguresThroughTheApi() {
        var viewer = PublicApi.at(port, new Identities(port).token("viewer"));
        var answer = viewer.get("/api/v1/capability?days=2");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode figures = JSON.readTree(answer.body()).path("figures");
        assertThat(figures.path("deployments").asInt()).isEqualTo(3);
        assertThat(figures.path("deploymentsPerDay").asDouble()).isEqualTo(1.5);
        assertThat(Duration.parse(figures.path("medianLeadTime").asString())).isEqualTo(Duration.ofHours(2));
        assertThat(figures.path("changeFailureRate").asDouble()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(Duration.parse(figures.path("medianTimeToRestore").asString()))
                .isEqualTo(Duration.parse("PT30M2S"));
        assertThat(figures.path("rollbackArmedShare").asDouble()).isEqualTo(0.75);
        assertThat(Duration.parse(figures.path("medianDecisionToRollback").asString()))
                .isEqualTo(Duration.ofMillis(1200));
        assertThat(figures.path("caughtByCanary").asInt()).isEqualTo(1);
        assertThat(figures.path("caughtAfterPromotion").asInt()).isEqualTo(1);
        assertThat(figures.path("canaryCatchShare").asDouble()).isEqualTo(0.5);
        assertThat(figures.path("budgetSpentOnTesting").asDouble()).isCloseTo(0.04, within(1e-9));
        Problems.assertProblem(viewer.get("/api/v1/capability?days=0"), 400, "days");
    }

    @Test
    void theMaturityRungSaysWhatTheNextOneNeeds() {
        var viewer = PublicApi.at(port, new Identities(port).token("viewer"));
        JsonNode shop = JSON.readTree(viewer.get("/api/v1/maturity/shop").body());
        // metrics, a flag, canaries, analysis armed on the latest rollout, an SLO: L3; chaos is not running
        assertThat(shop.path("rung").path("level").asInt()).as(shop.toString()).isEqualTo(3);
        assertThat(shop.path("rung").path("missingForNext").toString()).contains("chaos game day");
        Problems.assertProblem(viewer.get("/api/v1/maturity/nope"), 404);
    }
}
