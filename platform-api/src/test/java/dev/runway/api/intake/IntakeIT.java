package dev.runway.api.intake;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.api.support.StandIn;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * CI intake: a deployment or a signed GitHub delivery starts a rollout at the rollout-controller (a stand-in
 * recording what it receives, over real HTTP); a delivery with a wrong or missing signature starts nothing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN,
            "runway.api.webhooks.github-secret=" + IntakeIT.SECRET
        })
class IntakeIT {
    static final String SECRET = "webhook-secret-for-tests";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static StandIn controller;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (controller == null) {
            controller = StandIn.start(call -> {
                if (call.method().equals("POST") && call.path().equals("/api/v1/rollouts")) {
                    if (call.body().contains("\"service\":\"unknown-svc\"")) {
                        return new StandIn.Answer(
                                404, "{\"status\":404,\"title\":\"Not found\",\"detail\":\"service 'unknown-svc'\"}");
                    }
                    return new StandIn.Answer(201, "{\"id\": \"r-42\", \"state\": \"PENDING\"}");
                }
                return new StandIn.Answer(200, "{\"name\": \"checkout\", \"team\": \"shop\"}");
            });
        }
        registry.add("runway.api.peers.rollout-controller", controller::url);
    }

    @AfterAll
    static void stop() {
        controller.close();
        controller = null;
    }

    @LocalServerPort
    int port;

    PublicApi deployer;

    @BeforeEach
    void given() {
        var ids = new Identities(port);
        ids.team("shop");
        deployer = PublicApi.at(port, ids.token("deployer", "shop"));
        controller.forget();
    }

    static final String PUSH = """
            {"ref": "refs/heads/main", "after": "0123456789abcdef0123456789abcdef01234567", "deleted": false,
             "repository": {"name": "checkout", "full_name": "acme/checkout", "default_branch": "main"},
             "head_commit": {"message": "Fix totals\\n\\nlong text", "timestamp": "2026-11-20T10:00:00+01:00"},
             "sender": {"login": "dana"}}
            """;

    @Test
    void aCorrectlySignedPushToTheDefaultBranchStartsARolloutAndAnswersWithItsUrl() {
        var answer = webhook("push", PUSH, sign(PUSH));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        assertThat(JSON.readTree(answer.body()).path("rolloutUrl").asString()).isEqualTo("/api/v1/rollouts/r-42");
        var started = controller.calls().stream()
                .filter(c -> c.method().equals("POST"))
                .toList();
        assertThat(started).hasSize(1);
        var body = JSON.readTree(started.getFirst().body());
        assertThat(body.path("service").asString()).isEqualTo("checkout");
        assertThat(body.path("commitSha").asString()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(body.path("commitTime").asString()).isEqualTo("2026-11-20T09:00:00Z");
        assertThat(started.getFirst().header("X-Runway-Actor")).isEqualTo("github-webhook");
        assertThat(started.getFirst().header("X-Runway-Reason")).isEqualTo("push to main by dana: Fix totals");
    }

    @Test
    void aMergedPullRequestStartsARollout() {
        String merged = """
                {"action": "closed", "number": 7,
                 "pull_request": {"merged": true, "merge_commit_sha": "abcdef0123456", "merged_at": "2026-11-20T10:00:00Z",
                                  "title": "Faster checkout", "base": {"ref": "main"}},
                 "repository": {"name": "checkout", "full_name": "acme/checkout", "default_branch": "main"},
                 "sender": {"login": "eve"}}
                """;
        assertThat(webhook("pull_request", merged, sign(merged)).status()).isEqualTo(202);
        assertThat(controller.calls()).anyMatch(c -> c.body().contains("abcdef0123456"));
    }

    @Test
    void aWrongOrMissingSignatureIs401AndStartsNothing() {
        assertProblem(webhook("push", PUSH, "sha256=" + "0".repeat(64)), 401);
        assertProblem(webhook("push", PUSH, sign(PUSH.replace("dana", "mallory"))), 401);
        assertProblem(webhook("push", PUSH, null), 401);
        assertThat(controller.calls()).noneMatch(c -> c.method().equals("POST"));
    }

    @Test
    void aPushToAnotherBranchStartsNothing() {
        String feature = PUSH.replace("refs/heads/main", "refs/heads/feature");
        var answer = webhook("push", feature, sign(feature));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).contains("\"started\":false");
        assertThat(controller.calls()).noneMatch(c -> c.method().equals("POST"));
    }

    @Test
    void aDeploymentStartsARolloutAndIsAuditedWithActorAndReason() throws Exception {
        var answer = deployer.send("POST", "/api/v1/deployments", """
                {"service": "checkout", "version": "2.4.0", "canaryUrl": "http://10.0.0.7:8080",
                 "commitSha": "0a1b2c3d4e", "commitTime": "2026-11-20T08:00:00Z"}
                """, Map.of("X-Runway-Reason", "release train 48"));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(JSON.readTree(answer.body()).path("rolloutId").asString()).isEqualTo("r-42");
        var sent = JSON.readTree(controller.calls().stream()
                .filter(c -> c.method().equals("POST"))
                .findFirst()
                .orElseThrow()
                .body());
        assertThat(sent.path("canaryUpstream").asString()).isEqualTo("http://10.0.0.7:8080");
        assertThat(sent.path("artifact").asString()).isEqualTo("http://10.0.0.7:8080");
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery("SELECT actor, reason FROM audit.audit_log WHERE action = 'deployment.received'"
                                + " AND reason = 'release train 48'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("actor")).startsWith("deployer-");
        }
        assertThat(deployer.get("/api/v1/deployments?service=checkout").body()).contains("r-42");
    }

    @Test
    void badDeploymentsAreProblemsNamingTheFieldAndTheControllersRefusalPassesThrough() {
        assertProblem(deployer.post("/api/v1/deployments", """
                {"service": "checkout", "version": "1", "artifact": "img", "commitSha": "XYZ"}
                """), 400, "commitSha");
        assertProblem(deployer.post("/api/v1/deployments", """
                {"service": "checkout", "version": "1", "commitSha": "abcdef1"}
                """), 400, "artifact");
        assertProblem(deployer.post("/api/v1/deployments", """
                {"service": "checkout", "version": "1", "canaryUrl": "ftp://x", "commitSha": "abcdef1"}
                """), 400, "canaryUrl");
        assertProblem(
                deployer.post("/api/v1/deployments", "{\"service\": \"checkout\", \"version\": {}}"), 400, "version");
        assertProblem(deployer.post("/api/v1/deployments", """
                {"service": "unknown-svc", "version": "1", "artifact": "img", "commitSha": "abcdef1"}
                """), 404);
    }

    private ServiceClient.Response webhook(String event, String body, String signature) {
        var headers = new java.util.HashMap<String, String>();
        headers.put("X-GitHub-Event", event);
        if (signature != null) {
            headers.put("X-Hub-Signature-256", signature);
        }
        // no token: a webhook is authenticated by its signature alone
        return PublicApi.at(port, null).send("POST", "/api/v1/webhooks/github", body, headers);
    }

    static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
