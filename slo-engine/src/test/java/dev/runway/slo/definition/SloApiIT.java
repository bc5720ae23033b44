package dev.runway.slo.definition;

import static dev.runway.testkit.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.actor.RunwayHeaders;
import dev.runway.slo.Caller;
import dev.runway.testkit.Problems;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabase;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.dataformat.yaml.YAMLMapper;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SloApiIT {
    static final YAMLMapper YAML = YAMLMapper.builder().build();

    @LocalServerPort
    int port;

    @Test
    void givenAnOpenSloDocumentWhenImportedAndExportedThenTheDocumentIsPreserved() throws Exception {
        String original = resource("search-latency-prometheus.yaml");
        HttpResponse<String> imported = yaml("POST", "/api/v1/slos/openslo", original);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(201);

        HttpResponse<String> exported = yaml("GET", "/api/v1/slos/search-errors/openslo", null);
        assertThat(exported.statusCode()).isEqualTo(200);
        assertThat(exported.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(YAML.readTree(exported.body())).isEqualTo(YAML.readTree(original));
    }

    @Test
    void anUnsupportedOpenSloFieldIsA400NamingItAndNothingIsStored() throws Exception {
        String document = resource("checkout-availability.yaml")
                .replace(
                        "  budgetingMethod: Occurrences",
                        "  budgetingMethod: Occurrences\n  alertPolicies:\n    - fast-burn");
        HttpResponse<String> refused = yaml("POST", "/api/v1/slos/openslo", document);
        var problem = assertProblem(
                new ServiceClient.Response(
                        refused.statusCode(),
                        refused.headers().firstValue("Content-Type").orElse(""),
                        refused.body()),
                400,
                "spec.alertPolicies");
        assertThat(Problems.reasonFor(problem, "spec.alertPolicies")).contains("not supported");
        assertProblem(ServiceClient.at(port).get("/api/v1/slos/checkout-availability"), 404);
    }

    @Test
    void malformedYamlIsA400NamingTheBody() throws Exception {
        HttpResponse<String> refused = yaml("POST", "/api/v1/slos/openslo", "apiVersion: [openslo/v1\nkind: SLO");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("\"field\":\"body\"", "malformed YAML");
    }

    @Test
    void anSloDefinedAsJsonIsValidatedWholeAndAudited() throws Exception {
        var api = Caller.sre(port);
        assertProblem(api.post("/api/v1/slos", """
                        {"name": "orders-availability", "service": "orders", "target": 1.2, "window": "14d",
                         "indicator": {"kind": "gateway-availability", "route": "orders"}}"""), 400, "target");
        var created = api.post("/api/v1/slos", """
                {"name": "orders-availability", "service": "orders", "target": 0.999, "window": "30d",
                 "indicator": {"kind": "gateway-availability", "route": "orders"}, "disabledAlerts": ["ticket-3d-6h"]}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.get("/api/v1/slos/orders-availability").body())
                .contains("\"kind\":\"gateway-availability\"", "\"minimumEvents\":100", "ticket-3d-6h");
        try (var db = TestDatabase.get().appConnection();
                var rows = db.createStatement()
                        .executeQuery(
                                "SELECT actor, action FROM audit.audit_log WHERE subject = 'slo/orders-availability'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("actor")).isEqualTo("sre-sam");
            assertThat(rows.getString("action")).isEqualTo("slo.created");
        }
    }

    @Test
    void anUnknownIndicatorKindIsA400NamingTheIndicator() {
        var response = Caller.sre(port).post("/api/v1/slos", """
                {"name": "x-availability", "service": "x", "target": 0.99, "window": "30d", "indicator": {"kind": "datadog"}}""");
        assertProblem(response, 400, "indicator");
    }

    private HttpResponse<String> yaml(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(RunwayHeaders.INTERNAL_TOKEN, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN)
                .header(RunwayHeaders.ACTOR, "sre-sam")
                .header(RunwayHeaders.ACTOR_KIND, "USER")
                .header(RunwayHeaders.ACTOR_ROLES, "sre");
        if (body != null) {
            request.header("Content-Type", "application/yaml")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String resource(String file) throws Exception {
        try (InputStream in = SloApiIT.class.getResourceAsStream("/openslo/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
