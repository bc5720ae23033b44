package dev.runway.gateway;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Malformed admin requests get 4xx problem+json naming the field, and none leaves a partial route. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "runway.gateway.traffic-port=0")
class AdminValidationIT {
    static final String GOOD = "{\"id\":\"checked\",\"host\":\"checked.test\",\"pathPrefix\":\"/api\","
            + "\"stable\":[\"http://127.0.0.1:9001\"],\"canary\":[\"http://127.0.0.1:9002\"],\"canaryWeight\":100}";

    @LocalServerPort
    int adminPort;

    ServiceClient admin;
    String stored;

    @BeforeEach
    void createRoute() {
        admin = ServiceClient.at(adminPort);
        admin.delete("/api/v1/routes/checked");
        var created = admin.post("/api/v1/routes", GOOD);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        stored = admin.get("/api/v1/routes/checked").body();
    }

    private void unchanged() {
        assertThat(admin.get("/api/v1/routes/checked").body()).isEqualTo(stored);
    }

    @Test
    void weightsOutOfRangeAreRefusedAndChangeNothing() {
        assertProblem(admin.put("/api/v1/routes/checked/weight", "{\"canaryWeight\":10001}"), 400, "canaryWeight");
        assertProblem(admin.put("/api/v1/routes/checked/weight", "{\"canaryWeight\":-5}"), 400, "canaryWeight");
        assertProblem(admin.put("/api/v1/routes/checked/weight", "{}"), 400, "canaryWeight");
        assertProblem(admin.put("/api/v1/routes/checked/weight", "{\"canaryWeight\":\"half\"}"), 400, "canaryWeight");
        assertProblem(admin.put("/api/v1/routes/checked/weight", "{\"canaryWeight\":12.5}"), 400, "canaryWeight");
        unchanged();
    }

    @Test
    void badUrlsAreRefusedWholeOnCreateAndReplace() {
        assertProblem(
                admin.post(
                        "/api/v1/routes",
                        "{\"id\":\"half-made\",\"pathPrefix\":\"/half\",\"stable\":[\"http://ok:1\"],"
                                + "\"canary\":[\"not a url\"],\"canaryWeight\":50}"),
                400,
                "canary[0]");
        assertProblem(admin.get("/api/v1/routes/half-made"), 404);
        assertProblem(
                admin.put(
                        "/api/v1/routes/checked",
                        GOOD.replace("\"http://127.0.0.1:9001\"", "\"gopher://127.0.0.1:9001\"")),
                400,
                "stable[0]");
        assertProblem(
                admin.put("/api/v1/routes/checked/shadow", "{\"upstream\":\"nowhere\",\"percent\":10}"),
                400,
                "shadow.upstream");
        assertProblem(
                admin.put("/api/v1/routes/checked/shadow", "{\"upstream\":\"http://127.0.0.1:1\",\"percent\":101}"),
                400,
                "shadow.percent");
        unchanged();
    }

    @Test
    void aReplaceWithAStaleIfMatchIsRefusedWith412AndChangesNothing() throws Exception {
        // given the route as read, with its version as ETag
        var http = java.net.http.HttpClient.newHttpClient();
        var read = http.send(
                internal("/api/v1/routes/checked").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String etag = read.headers().firstValue("ETag").orElseThrow();

        // when one client replaces it under that ETag, it succeeds and the ETag moves on
        String moved = GOOD.replace("\"canaryWeight\":100", "\"canaryWeight\":200");
        var first = http.send(
                internal("/api/v1/routes/checked")
                        .header("If-Match", etag)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(moved))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(first.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
        stored = admin.get("/api/v1/routes/checked").body();

        // then a second client still holding the old ETag is refused, and nothing changes
        var stale = http.send(
                internal("/api/v1/routes/checked")
                        .header("If-Match", etag)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(GOOD))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(stale.body()).contains("read it again");
        var weak = http.send(
                internal("/api/v1/routes/checked")
                        .header("If-Match", "W/" + etag)
                        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(GOOD))
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
        assertThat(weak.body()).contains("If-Match");
        unchanged();
    }

    private java.net.http.HttpRequest.Builder internal(String path) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + adminPort + path))
                .header("Content-Type", "application/json")
                .header(
                        dev.runway.common.actor.RunwayHeaders.INTERNAL_TOKEN,
                        dev.runway.testkit.TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN)
                .header(dev.runway.common.actor.RunwayHeaders.ACTOR, "tester");
    }

    @Test
    void unknownRoutesAreNotFound() {
        assertProblem(admin.put("/api/v1/routes/nope/weight", "{\"canaryWeight\":10}"), 404);
        assertProblem(admin.put("/api/v1/routes/nope/audiences", "{\"audiences\":[]}"), 404);
        assertProblem(admin.put("/api/v1/routes/nope/shadow", "{\"upstream\":\"http://127.0.0.1:1\"}"), 404);
        assertProblem(admin.delete("/api/v1/routes/nope"), 404);
        assertProblem(admin.get("/api/v1/routes/nope"), 404);
    }

    @Test
    void wrongTypesAndUnknownValuesNameTheField() {
        assertProblem(
                admin.put("/api/v1/routes/checked", GOOD.replace("\"canaryWeight\":100", "\"canaryWeight\":[1]")),
                400,
                "canaryWeight");
        assertProblem(
                admin.put(
                        "/api/v1/routes/checked",
                        GOOD.replace("}", ",\"stickiness\":{\"source\":\"SESSION\",\"name\":\"x\"}}")),
                400,
                "stickiness.source");
        assertProblem(
                admin.put(
                        "/api/v1/routes/checked",
                        GOOD.replace("\"stable\":[", "\"stable\":{\"a\":[").replace("9001\"]", "9001\"]}")),
                400,
                "stable");
        assertProblem(
                admin.put(
                        "/api/v1/routes/checked/audiences",
                        "{\"audiences\":[{\"name\":\"ring 0\",\"source\":\"HEADER\",\"key\":\"X-Team\",\"values\":[]}]}"),
                400,
                "audiences[0].values");
        assertProblem(admin.put("/api/v1/routes/checked/audiences", "{\"audiences\": 3}"), 400, "audiences");
        assertProblem(admin.put("/api/v1/routes/checked/weight", "{\"canaryWeight\": 10"), 400, "body");
        unchanged();
    }

    @Test
    void aSecondRouteOnTheSameHostAndPrefixIsAConflict() {
        var conflict = admin.post("/api/v1/routes", GOOD.replace("\"id\":\"checked\"", "\"id\":\"twin\""));
        assertProblem(conflict, 409);
        assertProblem(admin.get("/api/v1/routes/twin"), 404);
    }

    @Test
    void aWeightChangeIsAtomicAuditedAndCanBeConditional() throws SQLException {
        var set = admin.as("release-bot").put("/api/v1/routes/checked/weight", "{\"canaryWeight\":2500}");
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).contains("\"canaryWeight\":2500");
        assertProblem(
                admin.put("/api/v1/routes/checked/weight", "{\"canaryWeight\":5000,\"expectedCanaryWeight\":100}"),
                409);
        assertThat(admin.get("/api/v1/routes/checked").body()).contains("\"canaryWeight\":2500");
        try (var connection = TestDatabase.get().adminConnection();
                var statement = connection.prepareStatement("""
                        SELECT actor, reason, before->>'canaryWeight', after->>'canaryWeight' FROM audit.audit_log
                        WHERE action = 'route.weight-set' AND subject = 'route/checked' ORDER BY id DESC LIMIT 1
                        """);
                var rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("release-bot");
            assertThat(rs.getString(2)).isEqualTo("test");
            assertThat(rs.getString(3)).isEqualTo("100");
            assertThat(rs.getString(4)).isEqualTo("2500");
        }
    }
}
