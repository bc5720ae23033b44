package dev.runway.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions on problem+json answers, read from the raw body as a client would read it. */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    /** Asserts a problem+json answer with this status whose field errors name {@code field}. */
    public static JsonNode assertProblem(ServiceClient.Response response, int status, String field) {
        JsonNode problem = assertProblem(response, status);
        assertThat(fields(problem)).as("fields named by %s", response.body()).contains(field);
        return problem;
    }

    public static JsonNode assertProblem(ServiceClient.Response response, int status) {
        assertThat(response.status()).as("status of %s", response.body()).isEqualTo(status);
        assertThat(response.contentType()).as("content type").startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    public static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    /** The reason given for one field, for assertions on wording that users rely on. */
    public static String reasonFor(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            if (field.equals(error.path("field").asString())) {
                return error.path("reason").asString();
            }
        }
        return "";
    }
}
