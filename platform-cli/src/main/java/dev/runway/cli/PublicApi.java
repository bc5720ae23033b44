package dev.runway.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The public API as the CLI calls it: bearer token, reason header, JSON in and out, refusals as one line. */
final class PublicApi {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final String reason;

    PublicApi(String baseUrl, String token, String reason) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
        this.reason = reason;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    /** A GET whose 404 is an answer rather than a failure: empty when there is no such thing. */
    java.util.Optional<JsonNode> find(String path) {
        Answer answer = exchange("GET", path, null);
        return answer.status() == 404 ? java.util.Optional.empty() : java.util.Optional.of(answer.orThrow());
    }

    private JsonNode send(String method, String path, Object body) {
        return exchange(method, path, body).orThrow();
    }

    private record Answer(int status, JsonNode body) {
        JsonNode orThrow() {
            if (status >= 400) {
                throw new CliException(describe(status, body), status == 401 ? 4 : 1);
            }
            return body;
        }
    }

    private Answer exchange(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (!reason.isBlank()) {
            request.header("X-Runway-Reason", reason);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            throw new CliException("cannot reach the public API at " + baseUrl + " (is ./platform up running?)", 3);
        } catch (IOException broken) {
            throw new CliException("calling " + baseUrl + path + " failed: " + broken.getMessage(), 3);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", 130);
        }
        JsonNode answer = response.body().isBlank() ? JSON.nullNode() : readOrText(response.body());
        return new Answer(response.statusCode(), answer);
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().stringNode(body);
        }
    }

    /** "403: this needs the sre role ... (field: reason)" from a problem document. */
    static String describe(int status, JsonNode problem) {
        StringBuilder line = new StringBuilder().append(status).append(": ");
        line.append(problem.path("detail").asString(problem.isString() ? problem.asString() : "refused"));
        for (JsonNode error : problem.path("errors")) {
            line.append("; ")
                    .append(error.path("field").asString())
                    .append(": ")
                    .append(error.path("reason").asString());
        }
        return line.toString();
    }
}
