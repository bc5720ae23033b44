package dev.runway.testkit;

import static dev.runway.testkit.Problems.assertProblem;
import static dev.runway.testkit.Problems.reasonFor;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every platform service promises, checked over real HTTP against real PostgreSQL: bad input is a 400
 * problem+json naming the field, its API takes only internal calls, and it is observable (health,
 * Prometheus with a version tag, an OpenAPI document). A service's test extends this, annotates itself with
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} and names one of its own endpoints.
 */
public abstract class ServiceContract {
    @LocalServerPort
    protected int port;

    protected ServiceClient client;

    /** A POST endpoint of the service that takes a JSON body. */
    protected abstract String sampleEndpoint();

    /** A body for {@link #sampleEndpoint()} with one field of the wrong JSON type. */
    protected abstract String bodyWithWrongType();

    /** The field that {@link #bodyWithWrongType()} gets wrong. */
    protected abstract String wrongTypeField();

    /** The service's name as tagged on its meters. */
    protected abstract String serviceName();

    /** The port the service's API and actuator answer on (the gateway's admin port differs from traffic). */
    protected int apiPort() {
        return port;
    }

    @BeforeEach
    void connect() {
        client = ServiceClient.at(apiPort());
    }

    @Test
    void malformedJsonIsA400ProblemNamingTheBody() {
        var problem = assertProblem(client.post(sampleEndpoint(), "{\"oops\": "), 400, "body");
        assertThat(reasonFor(problem, "body")).contains("malformed JSON");
    }

    @Test
    void aFieldOfTheWrongTypeIsA400ProblemNamingThatField() {
        var problem = assertProblem(client.post(sampleEndpoint(), bodyWithWrongType()), 400, wrongTypeField());
        assertThat(reasonFor(problem, wrongTypeField())).startsWith("expected");
    }

    @Test
    void theApiRefusesCallsWithoutTheInternalToken() {
        assertProblem(client.withoutToken().post(sampleEndpoint(), "{}"), 401);
    }

    @Test
    void healthIsUpAndMetricsCarryTheServiceAndVersion() {
        assertThat(client.get("/actuator/health").body()).contains("\"status\":\"UP\"");
        String metrics = client.get("/actuator/prometheus").body();
        assertThat(metrics)
                .contains("service=\"" + serviceName() + "\"")
                .containsPattern("version=\"\\d+\\.\\d+\\.\\d+[^\"]*\"");
    }

    @Test
    void anOpenApiDocumentDescribesTheApi() {
        var doc = client.get("/v3/api-docs");
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.body()).contains("\"openapi\"").contains(pathOf(sampleEndpoint()));
    }

    private static String pathOf(String endpoint) {
        int query = endpoint.indexOf('?');
        return query < 0 ? endpoint : endpoint.substring(0, query);
    }
}
