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

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BreakGlassIT {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String WHY = "INC-4411: the tax table fix must ship through the freeze";

    @LocalServerPort
    int port;

    ServiceClient dev() {
        return Caller.at(port, "dev-dana", "USER", "deployer");
    }

    @Test
    void badRequestsAre400NamingTheFieldAndNothingIsStored() {
        String before = dev().get("/api/v1/break-glass?service=abacus").body();
        assertProblem(
                dev().post("/api/v1/break-glass", "{\"service\": \"abacus\", \"justification\": \"because\"}"),
                400,
                "justification");
        assertProblem(dev().post("/api/v1/break-glass", """
                        {"service": "abacus", "justification": "%s", "duration": "P2D"}""".formatted(WHY)), 400, "duration");
        assertProblem(dev().post("/api/v1/break-glass", """
                        {"service": "abacus", "justification": "%s", "duration": "two hours"}""".formatted(WHY)), 400, "duration");
        assertProblem(dev().post("/api/v1/break-glass", "{\"justification\": \"%s\"}".formatted(WHY)), 400, "service");
        assertThat(dev().get("/api/v1/break-glass?service=abacus").body()).isEqualTo(before);
        // a viewer may not ask, a service may not ask
        assertProblem(
                Caller.at(port, "val", "USER", "viewer")
                        .post(
                                "/api/v1/break-glass",
                                "{\"service\": \"abacus\", \"justification\": \"%s\"}".formatted(WHY)),
                403);
        assertProblem(
                Caller.at(port, "chaos-service", "SERVICE", null)
                        .post(
                                "/api/v1/break-glass",
                                "{\"service\": \"abacus\", \"justification\": \"%s\"}".formatted(WHY)),
                403);
    }

    @Test
    void aBreakGlassIsActiveOnlyOnceSomeoneElseWithTheSreRoleApprovesItAndEveryStepIsAudited() throws Exception {
        var asked = Caller.at(port, "sre-sol", "USER", "sre").post("/api/v1/break-glass", """
                        {"service": "abacus", "justification": "%s", "duration": "PT2H"}""".formatted(WHY));
        assertThat(asked.status()).as(asked.body()).isEqualTo(201);
        JsonNode record = JSON.readTree(asked.body());
        String id = record.path("id").asString();
        assertThat(record.path("state").asString()).isEqualTo("REQUESTED");
        assertThat(record.path("requestedBy").asString()).isEqualTo("sre-sol");

        // the requester cannot approve their own, even holding the role; a deployer cannot approve at all
        assertProblem(
                Caller.at(port, "sre-sol", "USER", "sre").post("/api/v1/break-glass/" + id + "/approve", ""), 403);
        assertProblem(dev().post("/api/v1/break-glass/" + id + "/approve", ""), 403, "X-Runway-Actor-Roles");
        assertProblem(Caller.sre(port).post("/api/v1/break-glass/bg-missing/approve", ""), 404);

        var approved = Caller.sre(port).post("/api/v1/break-glass/" + id + "/approve", "");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode active = JSON.readTree(approved.body());
        assertThat(active.path("state").asString()).isEqualTo("ACTIVE");
        assertThat(active.path("approvedBy").asString()).isEqualTo("sre-sam");
        assertThat(active.path("expiresAt").asString()).isNotBlank();
        assertProblem(Caller.at(port, "root", "USER", "admin").post("/api/v1/break-glass/" + id + "/approve", ""), 409);

        var revoked = Caller.sre(port).post("/api/v1/break-glass/" + id + "/revoke", "{\"reason\": \"shipped\"}");
        assertThat(JSON.readTree(revoked.body()).path("state").asString()).isEqualTo("REVOKED");

        try (var db = TestDatabase.get().appConnection();
                var statement = db.prepareStatement(
                        "SELECT action, actor, before IS NULL AS created, after->>'state' AS state FROM audit.audit_log"
                                + " WHERE subject = ? ORDER BY id")) {
            statement.setString(1, "break-glass/" + id);
            try (ResultSet rows = statement.executeQuery()) {
                StringBuilder trail = new StringBuilder();
                while (rows.next()) {
                    trail.append(rows.getString("action"))
                            .append(' ')
                            .append(rows.getString("actor"))
                            .append(' ')
                            .append(rows.getString("state"))
                            .append(rows.getBoolean("created") ? " (new)" : "")
                            .append('\n');
                }
                assertThat(trail.toString()).isEqualTo("""
                                break-glass.requested sre-sol REQUESTED (new)
                                break-glass.approved sre-sam ACTIVE
                                break-glass.revoked sre-sam REVOKED
                                """);
            }
        }
    }
}
