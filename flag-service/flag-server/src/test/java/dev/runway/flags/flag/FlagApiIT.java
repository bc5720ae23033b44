package dev.runway.flags.flag;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlagApiIT {
    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    static final JsonMapper JSON = JsonMapper.builder().build();

    ServiceClient client;

    @BeforeEach
    void setUp() {
        client = ServiceClient.at(port);
    }

    static String checkout(String key) {
        return """
                {"key": "%s", "type": "BOOLEAN", "variants": {"on": true, "off": false},
                 "defaultVariant": "on", "offVariant": "off",
                 "environments": {
                   "staging": {"state": "ON"},
                   "production": {"state": "ON", "rules": [
                     {"id": "de", "conditions": [{"attribute": "country", "operator": "in", "values": ["DE"]}],
                      "serve": {"variant": "on"}}],
                     "rollout": {"weights": [{"variant": "on", "basisPoints": 1000}, {"variant": "off", "basisPoints": 9000}]}}}}
                """.formatted(key);
    }

    @Test
    void createdFlagIsReadBackAndEveryChangeIsANewAuditedVersion() {
        // Off in production: a new flag that exposes nobody needs no approval.
        var created = client.post(
                "/api/v1/flags",
                checkout("api-created")
                        .replace("\"production\": {\"state\": \"ON\"", "\"production\": {\"state\": \"OFF\""));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"version\":1");

        var off = client.put("/api/v1/flags/api-created/environments/staging/state", "{\"state\": \"OFF\"}");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.body()).contains("\"version\":2");

        assertThat(client.get("/api/v1/flags/api-created/versions").body())
                .contains("\"action\":\"flag.created\"")
                .contains("\"action\":\"flag.off\"");
        assertThat(client.get("/api/v1/flags").body()).contains("api-created");

        List<Map<String, Object>> audit = jdbc.sql("""
                SELECT actor, reason, action, before::text AS before, after::text AS after
                FROM audit.audit_log WHERE subject = 'flag/api-created' ORDER BY id
                """).query().listOfRows();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(1))
                .containsEntry("actor", "tester")
                .containsEntry("reason", "test")
                .containsEntry("action", "flag.off");
        // Staging went from ON to OFF (production was already OFF): the diff is in before/after.
        assertThat((String) audit.get(1).get("before")).contains("\"state\": \"ON\"");
        assertThat((String) audit.get(1).get("after"))
                .contains("\"state\": \"OFF\"")
                .doesNotContain("\"ON\"");
    }

    static String owned(String key, String service) {
        String keyed = "{\"key\": \"" + key + "\",";
        return checkout(key).replace(keyed, keyed + " \"service\": \"" + service + "\",");
    }

    @Test
    void theOwningServiceIsSetAtCreationChangedByAnUpdateAndAuditedBeforeAndAfter() {
        FlagFixtures.create(client, owned("api-owned", "shop-api"));
        assertThat(JSON.readTree(client.get("/api/v1/flags/api-owned").body())
                        .path("flag")
                        .path("service")
                        .asString())
                .isEqualTo("shop-api");
        assertThat(client.get("/api/v1/flags?service=shop-api").body()).contains("api-owned");

        // only the owner changes: what any environment serves is the same, so no approval is asked
        var moved = client.put("/api/v1/flags/api-owned", owned("api-owned", "billing-api"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        assertThat(moved.body()).contains("\"version\":2", "\"service\":\"billing-api\"");
        assertThat(client.get("/api/v1/flags?service=shop-api").body()).doesNotContain("api-owned");
        assertThat(client.get("/api/v1/flags?service=billing-api").body()).contains("api-owned");

        Map<String, Object> audit = jdbc.sql("""
                SELECT before ->> 'service' AS before, after ->> 'service' AS after
                FROM audit.audit_log WHERE subject = 'flag/api-owned' AND action = 'flag.updated'
                """).query().singleRow();
        assertThat(audit).containsEntry("before", "shop-api").containsEntry("after", "billing-api");
    }

    @Test
    void restoringAnOldVersionKeepsTheCurrentOwner() {
        FlagFixtures.create(client, owned("api-restore-owner", "shop-api"));
        client.put("/api/v1/flags/api-restore-owner", owned("api-restore-owner", "billing-api"));
        var restored =
                FlagFixtures.approved(client, client.post("/api/v1/flags/api-restore-owner/versions/1/restore", ""));
        assertThat(restored.status()).as(restored.body()).isEqualTo(200);
        assertThat(restored.body()).contains("\"version\":3", "\"service\":\"billing-api\"");
    }

    @Test
    void anOwnerThatIsNotAServiceNameIsRefusedNamingTheFieldAndNothingIsWritten() {
        assertProblem(client.post("/api/v1/flags", owned("api-bad-owner", "Shop API")), 400, "service");
        assertThat(client.get("/api/v1/flags/api-bad-owner").status()).isEqualTo(404);

        FlagFixtures.create(client, owned("api-bad-owner", "shop-api"));
        assertProblem(client.put("/api/v1/flags/api-bad-owner", owned("api-bad-owner", "-x")), 400, "service");
        assertProblem(client.get("/api/v1/flags?service=Shop"), 400, "service");
        assertThat(client.get("/api/v1/flags/api-bad-owner").body()).contains("\"version\":1", "shop-api");
    }

    @Test
    void aFlagWrittenBeforeOwnersExistedLoadsWithoutOneAndIsNotPartOfEvaluation() throws Exception {
        // as V2 wrote flags: a document with no owner at all
        String legacy = JSON.readTree(checkout("api-legacy")).toString();
        jdbc.sql("INSERT INTO flags (key, version, document) VALUES ('api-legacy', 1, CAST(:document AS jsonb))")
                .param("document", legacy)
                .update();
        var read = JSON.readTree(client.get("/api/v1/flags/api-legacy").body());
        assertThat(read.path("flag").has("service")).isTrue();
        assertThat(read.path("flag").path("service").isNull()).isTrue();
        assertThat(client.get("/api/v1/flags").body()).contains("api-legacy");

        FlagFixtures.create(client, owned("api-not-evaluated", "shop-api"));
        String sdk = FlagFixtures.sdkKey(client, "staging");
        var ruleset = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/sdk/v1/ruleset"))
                                .header("Authorization", "Bearer " + sdk)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        // the owner is for people and the front door: SDKs get the engine's model, which has no such field
        assertThat(ruleset.body()).contains("api-not-evaluated").doesNotContain("shop-api");
    }

    @Test
    void killServesTheOffVariantEverywhereInOneChange() {
        FlagFixtures.create(client, checkout("api-killed"));
        var killed = client.post("/api/v1/flags/api-killed/kill", "");
        assertThat(killed.status()).isEqualTo(200);
        assertThat(killed.body()).contains("\"version\":2").doesNotContain("\"state\":\"ON\"");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM audit.audit_log WHERE subject = 'flag/api-killed' AND action = 'flag.killed'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anOldVersionCanBeRestoredAsANewVersion() {
        FlagFixtures.create(client, checkout("api-restored"));
        client.post("/api/v1/flags/api-restored/kill", "");
        var restored = FlagFixtures.approved(client, client.post("/api/v1/flags/api-restored/versions/1/restore", ""));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.body())
                .contains("\"version\":3")
                .contains("\"state\":\"ON\"")
                .doesNotContain("KILLED");
        assertThat(client.get("/api/v1/flags/api-restored/versions/3").body()).contains("\"action\":\"flag.restored\"");
    }

    @Test
    void deletedFlagIsGoneButItsHistoryStaysAndItCanBeRestored() {
        FlagFixtures.create(client, checkout("api-deleted"));
        assertThat(FlagFixtures.approved(client, client.delete("/api/v1/flags/api-deleted"))
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/api/v1/flags/api-deleted").status()).isEqualTo(404);
        assertThat(FlagFixtures.approved(client, client.post("/api/v1/flags/api-deleted/versions/1/restore", ""))
                        .status())
                .isEqualTo(200);
        assertThat(client.get("/api/v1/flags/api-deleted").body()).contains("\"version\":3");
    }

    @Test
    void raisingTheRolloutKeepsTheUsersAlreadyIn() {
        FlagFixtures.create(client, checkout("api-rollout"));
        var raised = FlagFixtures.approved(
                client,
                client.put(
                        "/api/v1/flags/api-rollout/environments/production/rollout",
                        "{\"weights\": [{\"variant\": \"on\", \"basisPoints\": 2500}, {\"variant\": \"off\", \"basisPoints\": 7500}]}"));
        assertThat(raised.status()).isEqualTo(200);
        // Minimal movement: "on" keeps [0, 1000) and grows next to it.
        assertThat(raised.body().replace(" ", ""))
                .contains("{\"from\":0,\"to\":2500,\"variant\":\"on\"}")
                .contains("{\"from\":2500,\"to\":10000,\"variant\":\"off\"}");
        assertProblem(
                client.put(
                        "/api/v1/flags/api-rollout/environments/production/rollout",
                        "{\"weights\": [{\"variant\": \"on\", \"basisPoints\": 2500}]}"),
                400,
                "weights");
    }

    @Test
    void unknownOperatorIsRefusedAtItsPathAndNothingIsWritten() {
        String body = checkout("api-bad-operator").replace("\"in\"", "\"is_one_of\"");
        assertProblem(
                client.post("/api/v1/flags", body), 400, "environments.production.rules[0].conditions[0].operator");
        assertThat(client.get("/api/v1/flags/api-bad-operator").status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM flags.flag_versions WHERE flag_key = 'api-bad-operator'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void variantsOfTheWrongTypeAreRefused() {
        String body = checkout("api-bad-type").replace("\"off\": false", "\"off\": \"nope\"");
        assertProblem(client.post("/api/v1/flags", body), 400, "variants.off");
    }

    @Test
    void aRegexThatCouldBacktrackWithoutBoundIsRefused() {
        String body = checkout("api-bad-regex")
                .replace(
                        "\"operator\": \"in\", \"values\": [\"DE\"]",
                        "\"operator\": \"matches\", \"values\": [\"(a+)+\\\\1\"]");
        assertProblem(
                client.post("/api/v1/flags", body), 400, "environments.production.rules[0].conditions[0].values[0]");
    }

    @Test
    void unknownFlagsAndEnvironmentsAreNamed() {
        assertProblem(client.get("/api/v1/flags/no-such-flag"), 404);
        assertProblem(client.post("/api/v1/flags/no-such-flag/kill", ""), 404);
        assertProblem(
                client.post("/api/v1/flags", checkout("api-bad-env").replace("\"staging\"", "\"stagin\"")),
                400,
                "environments.stagin");
    }

    @Test
    void segmentsAreValidatedAndCannotBeDeletedWhileUsed() {
        assertThat(client.post(
                                "/api/v1/segments",
                                "{\"key\": \"staff\", \"conditions\": [{\"attribute\": \"email\", \"operator\": \"ends_with\", \"values\": [\"@runway.dev\"]}]}")
                        .status())
                .isEqualTo(201);
        assertProblem(
                client.post(
                        "/api/v1/segments",
                        "{\"key\": \"bad\", \"conditions\": [{\"attribute\": \"email\", \"operator\": \"sounds_like\", \"values\": [\"x\"]}]}"),
                400,
                "conditions[0].operator");
        String usesStaff = checkout("api-staff-only")
                .replace(
                        "{\"attribute\": \"country\", \"operator\": \"in\", \"values\": [\"DE\"]}",
                        "{\"operator\": \"in_segment\", \"values\": [\"staff\"]}");
        FlagFixtures.create(client, usesStaff);
        assertProblem(client.delete("/api/v1/segments/staff"), 409);
        assertThat(client.get("/api/v1/segments/staff").status()).isEqualTo(200);
    }
}
