package dev.runway.slo.policy;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.slo.Caller;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who may change the policy and SLOs, and what the audit trail keeps of each change. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PolicyApiIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String POLICY = "{\"aggressiveAbove\": 0.7, \"normalAbove\": 0.35, \"freezeAtOrBelow\": 0.02}";
    static final String SLO = """
            {"name": "basket-availability", "service": "basket", "target": 0.999, "window": "30d",
             "indicator": {"kind": "gateway-availability", "route": "basket"}}""";

    @LocalServerPort
    int port;

    @Test
    void aPolicyEditByAUserWithoutTheSreRoleIsA403NamingTheRoleAndChangesNothing() {
        String before = Caller.sre(port).get("/api/v1/policy/versions").body();
        for (ServiceClient refused : new ServiceClient[] {
            Caller.at(port, "dev-dana", "USER", "deployer,viewer"),
            Caller.at(port, "dev-dana", "USER", null),
            Caller.at(port, "ci-token", "TOKEN", "deployer"),
            // a service is not a person: it may not edit the policy even holding the internal token
            Caller.at(port, "rollout-controller", "SERVICE", null),
            Caller.at(port, "scheduler", "SYSTEM", "sre")
        }) {
            JsonNode problem = assertProblem(refused.post("/api/v1/policy", POLICY), 403, "X-Runway-Actor-Roles");
            assertThat(problem.path("detail").asString()).contains("'sre'");
        }
        assertThat(Caller.sre(port).get("/api/v1/policy/versions").body()).isEqualTo(before);
    }

    @Test
    void anAdminMayEditThePolicyAndEveryEditIsAuditedWithItsBeforeAndAfter() throws Exception {
        var current = JSON.readTree(Caller.sre(port).get("/api/v1/policy").body());
        var edited = Caller.at(port, "root-rita", "USER", "admin").post("/api/v1/policy", POLICY);
        assertThat(edited.status()).as(edited.body()).isEqualTo(201);
        long version = JSON.readTree(edited.body()).path("version").asLong();

        try (var db = TestDatabase.get().appConnection();
                var statement = db.prepareStatement(
                        "SELECT actor, actor_kind, action, reason, before::text, after::text FROM audit.audit_log"
                                + " WHERE service = 'slo-engine' AND subject = ?")) {
            statement.setString(1, "policy/v" + version);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString("actor")).isEqualTo("root-rita");
                assertThat(row.getString("actor_kind")).isEqualTo("USER");
                assertThat(row.getString("action")).isEqualTo("policy.changed");
                assertThat(row.getString("reason")).isEqualTo("test");
                assertThat(JSON.readTree(row.getString("before")).path("defaults"))
                        .isEqualTo(current.path("policy"));
                assertThat(JSON.readTree(row.getString("after"))
                                .path("defaults")
                                .path("aggressiveAbove")
                                .asDouble())
                        .isEqualTo(0.7);
            }
        }
    }

    @Test
    void aServiceMayHaveThresholdsOfItsOwnAndABadOverrideIsA400NamingIt() {
        var sre = Caller.sre(port);
        assertProblem(sre.post("/api/v1/policy", """
                        {"aggressiveAbove": 0.5, "normalAbove": 0.25, "freezeAtOrBelow": 0,
                         "overrides": {"payments": {"aggressiveAbove": 0.8, "normalAbove": 0.9, "freezeAtOrBelow": 0.1}}}"""), 400, "overrides.payments.normalAbove");
        var edited = sre.post("/api/v1/policy", """
                {"aggressiveAbove": 0.5, "normalAbove": 0.25, "freezeAtOrBelow": 0,
                 "overrides": {"payments": {"aggressiveAbove": 0.9, "normalAbove": 0.6, "freezeAtOrBelow": 0.1}}}""");
        assertThat(edited.status()).as(edited.body()).isEqualTo(201);
        assertThat(JSON.readTree(sre.get("/api/v1/policy").body())
                        .path("overrides")
                        .path("payments")
                        .path("freezeAtOrBelow")
                        .asDouble())
                .isEqualTo(0.1);
    }

    @Test
    void sloChangesNeedTheSreRoleToo() {
        var deployer = Caller.at(port, "dev-dana", "USER", "deployer");
        assertProblem(deployer.post("/api/v1/slos", SLO), 403, "X-Runway-Actor-Roles");
        assertProblem(Caller.sre(port).get("/api/v1/slos/basket-availability"), 404);

        assertThat(Caller.sre(port).post("/api/v1/slos", SLO).status()).isEqualTo(201);
        assertProblem(deployer.put("/api/v1/slos/basket-availability", SLO), 403, "X-Runway-Actor-Roles");
        assertProblem(deployer.delete("/api/v1/slos/basket-availability"), 403, "X-Runway-Actor-Roles");
        assertProblem(
                deployer.send("POST", "/api/v1/slos/openslo", "application/yaml", "apiVersion: openslo/v1"),
                403,
                "X-Runway-Actor-Roles");
        assertThat(Caller.sre(port).get("/api/v1/slos/basket-availability").status())
                .isEqualTo(200);
    }
}
