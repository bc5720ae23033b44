package dev.runway.rollouts.rollout;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.rollouts.policy.PostureSource;
import dev.runway.rollouts.strategy.Posture;
import dev.runway.testkit.Problems;
import dev.runway.testkit.ServiceClient;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rollout API over real HTTP and PostgreSQL; the reconciler is off so states stay where commands put them. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.rollouts.reconcile.enabled=false")
class RolloutApiIT {
    static final Map<String, Posture> POSTURES = new ConcurrentHashMap<>();
    static final Map<String, PostureSource.BreakGlassRecord> BREAK_GLASS = new ConcurrentHashMap<>();
    static final JsonMapper JSON = JsonMapper.builder().build();

    @TestConfiguration
    static class Postures {
        @Bean
        @Primary
        PostureSource testPostures() {
            return service -> new PostureSource.PostureReading(
                    POSTURES.getOrDefault(service, Posture.NORMAL),
                    true,
                    "test: " + POSTURES.getOrDefault(service, Posture.NORMAL),
                    BREAK_GLASS.get(service));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    ServiceClient client;

    @BeforeEach
    void connect() {
        client = ServiceClient.at(port);
    }

    private String register(String name) {
        var response = client.post("/api/v1/services", """
                {"name": "%s", "team": "payments", "deploymentDriver": "STATIC",
                 "stableUpstream": "http://127.0.0.1:9001", "stableVersion": "v1"}
                """.formatted(name));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return name;
    }

    private static String createBody(String service, String extra) {
        return """
                {"service": "%s", "version": "v2", "artifact": "checkout-v2.tar.gz", "commitSha": "9e4579a1",
                 "commitTime": "2026-11-22T08:00:00Z", "canaryUpstream": "http://127.0.0.1:9002"%s}
                """.formatted(service, extra);
    }

    private JsonNode create(String service, String extra) {
        var response = client.post("/api/v1/rollouts", createBody(service, extra));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private long rolloutsOf(String service) {
        return jdbc.sql("SELECT count(*) FROM rollouts WHERE service = :s")
                .param("s", service)
                .query(Long.class)
                .single();
    }

    @Test
    void aRolloutIsCreatedPendingWithTheDefaultStrategyAndItsFirstTransitionAudited() {
        // given a registered static service with a NORMAL posture
        String service = register("checkout");
        // when CI creates a rollout
        JsonNode created = create(service, "");
        // then it is PENDING on the built-in default strategy, with the previous stable version kept
        assertThat(created.path("state").asString()).isEqualTo("PENDING");
        assertThat(created.path("strategy").path("name").asString()).isEqualTo("default");
        assertThat(created.path("previousVersion").asString()).isEqualTo("v1");
        assertThat(created.path("posture").asString()).isEqualTo("NORMAL");
        assertThat(created.path("transitions").get(0).path("to").asString()).isEqualTo("PENDING");
        String id = created.path("id").asString();
        assertThat(client.get("/api/v1/rollouts/" + id).body()).contains("\"commitSha\":\"9e4579a1\"");
        assertThat(client.get("/api/v1/rollouts?service=checkout").body()).contains(id);
        assertThat(jdbc.sql("SELECT count(*) FROM audit.audit_log WHERE subject = :s AND action = 'rollout.created'")
                        .param("s", "rollout/" + id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void commandsMoveTheRolloutAndEveryTransitionIsRecordedWithItsReason() {
        String service = register("cart");
        String id = create(service, "").path("id").asString();
        // when a human pauses, resumes, then aborts with a reason
        assertThat(client.post("/api/v1/rollouts/" + id + "/pause", "{\"reason\": \"looking\"}")
                        .status())
                .isEqualTo(200);
        assertThat(client.post("/api/v1/rollouts/" + id + "/resume", "{}").status())
                .isEqualTo(200);
        var aborted = client.post("/api/v1/rollouts/" + id + "/abort", "{\"reason\": \"fast burn on checkout SLO\"}");
        // then the rollout is ABORTING and the history holds every step with its reason and actor
        assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(aborted.body());
        assertThat(body.path("state").asString()).isEqualTo("ABORTING");
        assertThat(body.path("transitions")).hasSize(4);
        assertThat(body.path("transitions").get(3).path("reason").asString()).contains("fast burn on checkout SLO");
        assertThat(body.path("transitions").get(3).path("actor").asString()).isEqualTo("tester");
        // and a command the state does not allow is a 409 problem
        assertProblem(client.post("/api/v1/rollouts/" + id + "/resume", "{}"), 409);
        // and a second rollout of the service is refused while this one is unfinished
        assertProblem(client.post("/api/v1/rollouts", createBody(service, "")), 409);
    }

    @Test
    void abortAndRollbackMustSayWhy() {
        String service = register("search");
        String id = create(service, "").path("id").asString();
        var noReason = ServiceClient.at(port);
        // the test client sends a reason header; an empty body reason falls back to it, so send a blank one
        assertThat(noReason.post("/api/v1/rollouts/" + id + "/abort", "{\"reason\": \"  \"}")
                        .status())
                .isEqualTo(200);
        assertProblem(client.post("/api/v1/rollouts/" + id + "/launch", "{}"), 404);
        assertProblem(client.post("/api/v1/rollouts/unknown-id/abort", "{\"reason\": \"x\"}"), 404);
    }

    @Test
    void badInputIsA4xxProblemNamingTheFieldAndNothingIsCreated() {
        String service = register("orders");
        assertProblem(client.post("/api/v1/rollouts", createBody("nope", "")), 400, "service");
        assertProblem(
                client.post(
                        "/api/v1/rollouts",
                        createBody(
                                service,
                                ", \"strategy\": [{\"type\": \"setWeight\", \"percent\": 25},"
                                        + " {\"type\": \"setWeight\", \"percent\": 5}]")),
                400,
                "strategy[1].percent");
        assertProblem(
                client.post(
                        "/api/v1/rollouts",
                        createBody(
                                service,
                                ", \"strategy\": [{\"type\": \"setWeight\", \"percent\": 5},"
                                        + " {\"type\": \"bake\", \"duration\": \"-PT5M\"}]")),
                400,
                "strategy[1].duration");
        assertProblem(
                client.post("/api/v1/rollouts", createBody(service, ", \"strategy\": [{\"type\": \"teleport\"}]")),
                400,
                "strategy[0].type");
        assertProblem(
                client.post("/api/v1/rollouts", createBody(service, "").replace("9e4579a1", "not-a-sha")),
                400,
                "commitSha");
        assertProblem(
                client.post("/api/v1/rollouts", createBody(service, "").replace("http://127.0.0.1:9002", "ftp://x")),
                400,
                "canaryUpstream");
        assertProblem(client.post("/api/v1/services", """
                        {"name": "billing", "team": "payments", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:9001", "metricsProvider": "DATADOG"}
                        """), 400, "metricsProvider");
        assertProblem(client.post("/api/v1/services", """
                        {"name": "billing", "team": "payments", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:9001", "analysis": {"alpha": 2},
                         "defaultStrategy": [{"type": "setWeight", "percent": 50}, {"type": "setWeight", "percent": 10}]}
                        """), 400, "analysis.alpha");
        assertProblem(client.post("/api/v1/services", """
                        {"name": "billing", "team": "payments", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:9001", "metricsProvider": "WEB"}
                        """), 400, "metricsSource");
        assertProblem(client.post("/api/v1/services", """
                        {"name": "billing", "team": "payments", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:9001", "metricsProvider": "PROMETHEUS"}
                        """), 400, "prometheus");
        assertThat(Problems.fields(assertProblem(client.post("/api/v1/services", """
                        {"name": "billing", "team": "payments", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:9001", "metricsProvider": "PROMETHEUS",
                         "prometheus": {"url": "http://prometheus:9090",
                                        "requestsQuery": "rate(http_requests_total{track=\\"{version}\\"}[1m])",
                                        "errorsQuery": "http_errors_total", "stepSeconds": 7}}
                        """), 400)))
                .contains("prometheus.requestsQuery", "prometheus.errorsQuery", "prometheus.stepSeconds");
        assertProblem(client.post("/api/v1/services", """
                        {"name": "billing", "team": "payments", "deploymentDriver": "STATIC",
                         "stableUpstream": "http://127.0.0.1:9001",
                         "analysis": {"thresholds": [{"metric": "orders_per_minute", "bound": "AT_LEAST", "limit": 10}]}}
                        """), 400, "analysis.thresholds[0].metric");
        assertThat(rolloutsOf(service)).isZero();
        assertThat(client.get("/api/v1/services/billing").status()).isEqualTo(404);
    }

    @Test
    void aFrozenServiceRefusesWithoutBreakGlassAndAcceptsAnAuditedBreakGlass() {
        String service = register("payments");
        POSTURES.put(service, Posture.FREEZE);
        // when CI creates a rollout without break-glass: 409, nothing created
        assertProblem(client.post("/api/v1/rollouts", createBody(service, "")), 409);
        // a role that may not break glass: 403 naming the role
        assertProblem(
                client.post(
                        "/api/v1/rollouts",
                        createBody(service, ", \"breakGlass\": {\"role\": \"developer\", \"justification\": \"x\"}")),
                403,
                "breakGlass.role");
        // a permitted role without a real justification: 400
        assertProblem(
                client.withRoles("sre")
                        .post(
                                "/api/v1/rollouts",
                                createBody(
                                        service, ", \"breakGlass\": {\"role\": \"sre\", \"justification\": \"pls\"}")),
                400,
                "breakGlass.justification");
        // a permitted role the caller does not hold (the front door authenticated a deployer): 403
        String justified =
                ", \"breakGlass\": {\"role\": \"sre\", \"justification\": \"INC-4411: revert of the bad tax table\"}";
        assertProblem(
                client.withRoles("deployer").post("/api/v1/rollouts", createBody(service, justified)),
                403,
                "breakGlass.role");
        assertThat(rolloutsOf(service)).isZero();
        // then an authenticated sre with a justification goes through on the careful strategy, audited
        var response = client.withRoles("sre").post("/api/v1/rollouts", createBody(service, justified));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode created = JSON.readTree(response.body());
        assertThat(created.path("strategy").path("name").asString()).isEqualTo("tighten");
        assertThat(created.path("reason").asString()).contains("BREAK-GLASS", "INC-4411");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_log WHERE action = 'rollout.break-glass' AND subject = :s")
                        .param("s", "rollout/" + created.path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aFrozenServiceWithAnApprovedBreakGlassRecordAcceptsARolloutOnTheCarefulStrategy() {
        // given a frozen service whose break-glass record an sre approved at the slo-engine
        String service = register("ledger");
        POSTURES.put(service, Posture.FREEZE);
        BREAK_GLASS.put(
                service,
                new PostureSource.BreakGlassRecord(
                        "bg-1",
                        "dora",
                        "sam",
                        "INC-512: ship the fix for the double charge",
                        Instant.now().plusSeconds(3600)));

        // when CI creates a rollout without any break-glass of its own
        JsonNode created = create(service, "");

        // then it goes through on the tighten strategy, naming the record, who asked and who approved, audited
        assertThat(created.path("strategy").path("name").asString()).isEqualTo("tighten");
        assertThat(created.path("reason").asString())
                .contains("BREAK-GLASS record bg-1", "asked by dora", "approved by sam");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_log WHERE action = 'rollout.break-glass' AND subject = :s")
                        .param("s", "rollout/" + created.path("id").asString())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aTightenedServiceGetsSmallerStepsAndLongerBakes() {
        String service = register("inventory");
        POSTURES.put(service, Posture.TIGHTEN);
        JsonNode created = create(service, "");
        assertThat(created.path("strategy").path("name").asString()).isEqualTo("tighten");
        assertThat(created.path("posture").asString()).isEqualTo("TIGHTEN");
    }
}
