package dev.runway.api;

import static dev.runway.testkit.Problems.assertProblem;
import static dev.runway.testkit.Problems.reasonFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestErrorsIT {
    @LocalServerPort
    int port;

    ServiceClient api;

    @BeforeEach
    void client() {
        api = ServiceClient.at(port);
    }

    @Test
    void malformedJsonIsA400ProblemNamingTheBody() {
        var response = api.post("/api/v1/teams", "{\"name\": \"payments\",");
        var problem = assertProblem(response, 400, "body");
        assertThat(reasonFor(problem, "body")).contains("malformed JSON");
    }

    @Test
    void aFieldOfTheWrongTypeIsA400ProblemNamingThatField() {
        var response = api.post("/api/v1/teams", "{\"name\": \"payments\", \"displayName\": {\"nested\": 1}}");
        var problem = assertProblem(response, 400, "displayName");
        assertThat(reasonFor(problem, "displayName")).contains("a string");
    }

    @Test
    void anInvalidValueIsA400ProblemNamingThatField() {
        assertProblem(api.post("/api/v1/teams", "{\"name\": \"Not A Slug!\"}"), 400, "name");
    }

    @Test
    void aCallWithoutTheInternalTokenIsRefused() {
        assertProblem(api.withoutToken().post("/api/v1/teams", "{\"name\": \"sneaky\"}"), 401);
        assertThat(api.get("/api/v1/teams/sneaky").status()).isEqualTo(404);
    }

    @Test
    void aTeamIsCreatedAuditedAndReadBack() {
        var created = api.as("alice").post("/api/v1/teams", "{\"name\": \"checkout\", \"displayName\": \"Checkout\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.get("/api/v1/teams/checkout").body()).contains("\"displayName\":\"Checkout\"");
        assertProblem(api.post("/api/v1/teams", "{\"name\": \"checkout\"}"), 409);
    }

    @Test
    void healthAndPrometheusAreServedWithAVersionTag() {
        assertThat(api.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("service=\"platform-api\"").containsPattern("version=\"[^\"]+\"");
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() {
        var doc = api.get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("/api/v1/teams");
    }
}
