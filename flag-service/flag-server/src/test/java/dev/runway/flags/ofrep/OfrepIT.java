package dev.runway.flags.ofrep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.FlagFixtures;
import dev.runway.testkit.ServiceClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfrepIT {
    @LocalServerPort
    int port;

    ServiceClient management;
    String production;

    @BeforeEach
    void setUp() {
        management = ServiceClient.at(port);
        if (management.get("/api/v1/flags/ofrep-checkout").status() == 404) {
            FlagFixtures.create(management, FlagFixtures.checkout("ofrep-checkout"));
        }
        production = FlagFixtures.sdkKey(management, "production");
    }

    private HttpResponse<String> evaluate(String key, String body) {
        return Http.post(port, "/ofrep/v1/evaluate/flags/" + key, production, body);
    }

    @Test
    void aTargetedContextGetsTheRuleVariantWithReasonTargetingMatch() {
        var response = evaluate("ofrep-checkout", "{\"context\": {\"targetingKey\": \"u1\", \"country\": \"DE\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"key\":\"ofrep-checkout\"")
                .contains("\"value\":true")
                .contains("\"variant\":\"on\"")
                .contains("\"reason\":\"TARGETING_MATCH\"")
                .contains("\"metadata\":{}");
    }

    @Test
    void everyoneElseIsBucketedWithReasonSplit() {
        var response = evaluate("ofrep-checkout", "{\"context\": {\"targetingKey\": \"u1\", \"country\": \"FR\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"reason\":\"SPLIT\"");
    }

    @Test
    void aSplitWithoutTargetingKeyIsTargetingKeyMissing() {
        var response = evaluate("ofrep-checkout", "{\"context\": {\"country\": \"FR\"}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("\"key\":\"ofrep-checkout\"")
                .contains("\"errorCode\":\"TARGETING_KEY_MISSING\"")
                .contains("\"errorDetails\":");
    }

    @Test
    void anUnknownFlagIs404FlagNotFound() {
        var response = evaluate("no-such-flag", "{\"context\": {\"targetingKey\": \"u1\"}}");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("\"key\":\"no-such-flag\"").contains("\"errorCode\":\"FLAG_NOT_FOUND\"");
    }

    @Test
    void unreadableBodiesAndContextsAreParseErrorAndInvalidContext() {
        var notJson = evaluate("ofrep-checkout", "{context:");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("\"errorCode\":\"PARSE_ERROR\"");

        var contextNotObject = evaluate("ofrep-checkout", "{\"context\": [1, 2]}");
        assertThat(contextNotObject.statusCode()).isEqualTo(400);
        assertThat(contextNotObject.body()).contains("\"errorCode\":\"INVALID_CONTEXT\"");

        var keyNotString = evaluate("ofrep-checkout", "{\"context\": {\"targetingKey\": {\"id\": 1}}}");
        assertThat(keyNotString.statusCode()).isEqualTo(400);
        assertThat(keyNotString.body()).contains("\"errorCode\":\"INVALID_CONTEXT\"");
    }

    @Test
    void evaluationTakesAnSdkKeyAndNothingElse() {
        String body = "{\"context\": {\"targetingKey\": \"u1\"}}";
        assertThat(Http.post(port, "/ofrep/v1/evaluate/flags/ofrep-checkout", null, body)
                        .statusCode())
                .isEqualTo(401);
        assertThat(Http.post(port, "/ofrep/v1/evaluate/flags/ofrep-checkout", "test-internal-token", body)
                        .statusCode())
                .isEqualTo(401);
        // …and an SDK key cannot manage anything.
        var manage = Http.post(port, "/api/v1/flags", production, FlagFixtures.colour("sneaky"));
        assertThat(manage.statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyReadsItsOwnEnvironment() {
        String staging = FlagFixtures.sdkKey(management, "staging");
        var response = Http.post(
                port, "/ofrep/v1/evaluate/flags/ofrep-checkout", staging, "{\"context\": {\"country\": \"FR\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"reason\":\"STATIC\"").contains("\"value\":true");
    }

    @Test
    void revokedKeysStopWorking() {
        var issued = management.post("/api/v1/environments/production/sdk-keys", "{\"name\": \"short-lived\"}");
        String secret = issued.body().replaceAll(".*\"key\":\"(rw-sdk-[^\"]+)\".*", "$1");
        String id = issued.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        String body = "{\"context\": {\"targetingKey\": \"u1\"}}";
        assertThat(Http.post(port, "/ofrep/v1/evaluate/flags/ofrep-checkout", secret, body)
                        .statusCode())
                .isEqualTo(200);
        assertThat(management
                        .delete("/api/v1/environments/production/sdk-keys/" + id)
                        .status())
                .isEqualTo(204);
        assertThat(Http.post(port, "/ofrep/v1/evaluate/flags/ofrep-checkout", secret, body)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void bulkEvaluationCarriesAnEtagAndAnswers304UntilSomethingChanges() {
        String body = "{\"context\": {\"targetingKey\": \"u1\", \"country\": \"DE\"}}";
        var first = Http.post(port, "/ofrep/v1/evaluate/flags", production, body);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).startsWith("{\"flags\":[").contains("\"key\":\"ofrep-checkout\"");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        var unchanged = Http.post(port, "/ofrep/v1/evaluate/flags", production, body, "If-None-Match", etag);
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        var otherContext = Http.post(
                port,
                "/ofrep/v1/evaluate/flags",
                production,
                "{\"context\": {\"targetingKey\": \"u2\"}}",
                "If-None-Match",
                etag);
        assertThat(otherContext.statusCode()).isEqualTo(200);

        FlagFixtures.create(management, FlagFixtures.colour("ofrep-bulk-" + System.nanoTime()));
        var changed = Http.post(port, "/ofrep/v1/evaluate/flags", production, body, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void bulkEvaluationWithABadContextIsInvalidContext() {
        var response = Http.post(port, "/ofrep/v1/evaluate/flags", production, "{\"context\": \"u1\"}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"errorCode\":\"INVALID_CONTEXT\"");
    }
}
