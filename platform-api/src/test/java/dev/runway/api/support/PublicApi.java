package dev.runway.api.support;

import dev.runway.testkit.ServiceClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The public API as a CI job or the CLI calls it: a bearer token, a reason, plain HTTP. */
public final class PublicApi {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    private PublicApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    public static PublicApi at(int port, String token) {
        return new PublicApi("http://localhost:" + port, token);
    }

    public PublicApi as(String otherToken) {
        return new PublicApi(baseUrl, otherToken);
    }

    public ServiceClient.Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public ServiceClient.Response post(String path, String json) {
        return send("POST", path, json, Map.of());
    }

    public ServiceClient.Response put(String path, String json) {
        return send("PUT", path, json, Map.of());
    }

    public ServiceClient.Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    public ServiceClient.Response send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (!headers.containsKey("X-Runway-Reason")) {
            builder.header("X-Runway-Reason", "test");
        }
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new ServiceClient.Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
