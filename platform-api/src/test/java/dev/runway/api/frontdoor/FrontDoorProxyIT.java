package dev.runway.api.frontdoor;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.api.support.Identities;
import dev.runway.api.support.PublicApi;
import dev.runway.api.support.StandIn;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The front door's hop to a service: what the service receives instead of the caller's credentials, and what
 * the caller gets when a service is down. The chaos-service is configured at a port nobody listens on.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.api.identity.bootstrap-admin-token=" + Identities.ADMIN_TOKEN)
class FrontDoorProxyIT {
    static StandIn controller;
    static StandIn slo;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) throws Exception {
        if (controller == null) {
            controller = StandIn.start(call -> {
                if (call.path().equals("/v3/api-docs")) {
                    return new StandIn.Answer(200, CONTROLLER_DOC);
                }
                return call.path().startsWith("/api/v1/rollouts/missing")
                        ? new StandIn.Answer(404, "{\"status\": 404, \"title\": \"Not found\"}")
                        : new StandIn.Answer(200, "{\"service\": \"shop-api\", \"team\": \"shop\"}");
            });
            slo = StandIn.start(call -> call.path().equals("/v3/api-docs")
                    ? new StandIn.Answer(200, SLO_DOC)
                    : new StandIn.Answer(200, "{\"posture\": \"NORMAL\"}"));
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("runway.api.peers.rollout-controller", controller::url);
        registry.add("runway.api.peers.slo-engine", slo::url);
        registry.add("runway.api.peers.chaos-service", () -> "http://127.0.0.1:" + closed);
    }

    @AfterAll
    static void stop() {
        controller.close();
        slo.close();
        controller = null;
    }

    static final String CONTROLLER_DOC = """
            {"openapi": "3.1.0", "paths": {
              "/api/v1/rollouts/{id}/{action}": {"post": {"operationId": "act",
                 "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Action"}}}}}},
              "/api/v1/services/{service}/posture": {"get": {"operationId": "notTheControllers"}},
              "/internal/thing": {"get": {"operationId": "notPublic"}}},
             "components": {"schemas": {"Action": {"type": "object"}}}}
            """;
    static final String SLO_DOC = """
            {"openapi": "3.1.0", "paths": {
              "/api/v1/services/{service}/posture": {"get": {"operationId": "posture"}},
              "/api/v1/policy": {"post": {"operationId": "edit"}}},
             "components": {"schemas": {"Action": {"type": "string"}}}}
            """;

    @LocalServerPort
    int port;

    PublicApi deployer;

    @BeforeEach
    void given() {
        var ids = new Identities(port);
        ids.team("shop");
        deployer = PublicApi.at(port, ids.token("deployer", "shop"));
        controller.forget();
        slo.forget();
    }

    @Test
    void aServiceReceivesTheCallersIdentityAndReasonWithTheInternalTokenButNeverTheCallersToken() {
        // when a deployer rolls back through the front door, saying why
        var answer = deployer.send(
                "POST",
                "/api/v1/rollouts/r-9/rollback?dryRun=false",
                "{\"reason\": \"bad totals\"}",
                Map.of("X-Runway-Reason", "pager: checkout errors"));
        // then the controller received the call with the token-holder as actor, its roles and the reason
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var call = controller.calls().stream()
                .filter(c -> c.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertThat(call.path()).isEqualTo("/api/v1/rollouts/r-9/rollback?dryRun=false");
        assertThat(call.body()).isEqualTo("{\"reason\": \"bad totals\"}");
        assertThat(call.header("X-Runway-Internal-Token")).isEqualTo("test-internal-token");
        assertThat(call.header("X-Runway-Actor")).startsWith("deployer-");
        assertThat(call.header("X-Runway-Actor-Kind")).isEqualTo("TOKEN");
        assertThat(call.header("X-Runway-Actor-Roles")).isEqualTo("deployer,viewer");
        assertThat(call.header("X-Runway-Reason")).isEqualTo("pager: checkout errors");
        assertThat(call.header("Authorization")).isNull();
    }

    @Test
    void theServicesPostureGoesToTheSloEngineAndTheRestOfTheRegistryToTheController() {
        assertThat(deployer.get("/api/v1/services/shop-api/posture").body()).contains("NORMAL");
        assertThat(slo.calls()).hasSize(1);
        assertThat(deployer.get("/api/v1/services/shop-api").body()).contains("\"team\"");
        assertThat(controller.calls()).extracting(StandIn.Call::path).contains("/api/v1/services/shop-api");
    }

    @Test
    void aServiceThatIsDownIsA503NamingIt() {
        var problem = assertProblem(deployer.post("/api/v1/halt", "{\"reason\": \"stop\"}"), 503);
        assertThat(problem.path("detail").asString()).contains("chaos-service");
    }

    @Test
    void aServicesOwnProblemReachesTheCallerUnchanged() {
        var answer = deployer.get("/api/v1/rollouts/missing");
        assertThat(answer.status()).isEqualTo(404);
    }

    @Test
    void oneOpenApiDocumentDescribesEveryServicesPublicPathsWithTheRoleEachNeeds() {
        var doc = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(deployer.get("/api/v1/openapi").body());
        var paths = doc.path("paths");
        var act = paths.path("/api/v1/rollouts/{id}/{action}").path("post");
        assertThat(act.path("x-runway-role").asString()).isEqualTo("deployer");
        assertThat(act.toString()).contains("#/components/schemas/rollout-controller.Action");
        // the posture path is the slo-engine's, whatever the controller's document says
        assertThat(paths.path("/api/v1/services/{service}/posture")
                        .path("get")
                        .path("operationId")
                        .asString())
                .isEqualTo("posture");
        assertThat(paths.path("/api/v1/policy")
                        .path("post")
                        .path("x-runway-role")
                        .asString())
                .isEqualTo("sre");
        assertThat(paths.has("/internal/thing")).isFalse();
        // platform-api's own endpoints are there too, and two services' schemas of one name do not collide
        assertThat(paths.path("/api/v1/tokens")
                        .path("post")
                        .path("x-runway-role")
                        .asString())
                .isEqualTo("admin");
        assertThat(doc.path("components").path("schemas").has("rollout-controller.Action"))
                .isTrue();
        assertThat(doc.path("components").path("schemas").has("slo-engine.Action"))
                .isTrue();
        assertThat(doc.path("x-runway-unavailable").toString()).contains("chaos-service");
    }

    @Test
    void unknownPathsAndMalformedCredentialsAreProblems() {
        assertProblem(deployer.get("/api/v1/nothing-here"), 404);
        assertProblem(
                PublicApi.at(port, null).send("GET", "/api/v1/me", null, Map.of("Authorization", "Basic x")), 401);
        assertProblem(PublicApi.at(port, "rwy_not-a-token").get("/api/v1/me"), 401);
        assertThat(deployer.get("/api/v1/me").body()).contains("\"roles\":[\"deployer\"]", "\"teams\":[\"shop\"]");
        // odd identifiers reach the service as they are rather than breaking the ownership look-up
        assertThat(deployer.post("/api/v1/rollouts/%7Bx%7D/abort", "{}").status())
                .isNotEqualTo(500);
        assertProblem(deployer.post("/api/v1/deployments", "[1, 2]"), 400, "body");
    }
}
