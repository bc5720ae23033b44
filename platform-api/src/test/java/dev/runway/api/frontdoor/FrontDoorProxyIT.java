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
            controller = StandIn.start(call -> call.path().startsWith("/api/v1/rollouts/missing")
                    ? new StandIn.Answer(404, "{\"status\": 404, \"title\": \"Not found\"}")
                    : new StandIn.Answer(200, "{\"service\": \"shop-api\", \"team\": \"shop\"}"));
            slo = StandIn.start(call -> new StandIn.Answer(200, "{\"posture\": \"NORMAL\"}"));
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
    void unknownPathsAndMalformedCredentialsAreProblems() {
        assertProblem(deployer.get("/api/v1/nothing-here"), 404);
        assertProblem(
                PublicApi.at(port, null).send("GET", "/api/v1/me", null, Map.of("Authorization", "Basic x")), 401);
        assertProblem(PublicApi.at(port, "rwy_not-a-token").get("/api/v1/me"), 401);
        assertThat(deployer.get("/api/v1/me").body()).contains("\"roles\":[\"deployer\"]", "\"teams\":[\"shop\"]");
    }
}
