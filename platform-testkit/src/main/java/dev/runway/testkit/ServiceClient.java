package dev.runway.testkit;

import dev.runway.common.actor.RunwayHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Real HTTP to a service under test, as another platform service would call it (internal token, actor).
 * Plain JDK client on purpose: what the test sends is exactly what goes over the wire.
 */
public final class ServiceClient {
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;
    private final String actor;
    private final String actorKind;
    private final String roles;
    private final java.util.List<String> headers;

    private ServiceClient(String baseUrl, String token, String actor, String actorKind, String roles) {
        this(baseUrl, token, actor, actorKind, roles, java.util.List.of());
    }

    private ServiceClient(
            String baseUrl,
            String token,
            String actor,
            String actorKind,
            String roles,
            java.util.List<String> headers) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.actor = actor;
        this.actorKind = actorKind;
        this.roles = roles;
        this.headers = headers;
    }

    public static ServiceClient at(int port) {
        return new ServiceClient(
                "http://localhost:" + port,
                TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN,
                "tester",
                "USER",
                null);
    }

    public static ServiceClient at(String baseUrl, String token) {
        return new ServiceClient(baseUrl, token, "tester", "USER", null);
    }

    public ServiceClient withoutToken() {
        return new ServiceClient(baseUrl, null, actor, actorKind, roles, headers);
    }

    public ServiceClient as(String actorName) {
        return new ServiceClient(baseUrl, token, actorName, actorKind, roles, headers);
    }

    /** Calls on behalf of {@code actorName} of the given kind (USER, TOKEN, SERVICE, SYSTEM). */
    public ServiceClient as(String actorName, String kind) {
        return new ServiceClient(baseUrl, token, actorName, kind, roles, headers);
    }

    /** Calls as the front door does for a person it authenticated with these roles (viewer, sre, ...). */
    public ServiceClient withRoles(String... roleNames) {
        return new ServiceClient(baseUrl, token, actor, actorKind, String.join(",", roleNames), headers);
    }

    /** Sends one more header with every request, e.g. what a gateway route or fault matches on. */
    public ServiceClient withHeader(String name, String value) {
        var more = new java.util.ArrayList<>(headers);
        more.add(name);
        more.add(value);
        return new ServiceClient(baseUrl, token, actor, actorKind, roles, java.util.List.copyOf(more));
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(body(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(body(json)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method and body type, e.g. a YAML document: {@code send("POST", "/x", "application/yaml", text)}. */
    public Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder =
                request(path).method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header(RunwayHeaders.INTERNAL_TOKEN, token);
        }
        builder.header(RunwayHeaders.ACTOR, actor).header(RunwayHeaders.ACTOR_KIND, actorKind);
        builder.header(RunwayHeaders.REASON, "test");
        if (roles != null) {
            builder.header(RunwayHeaders.ACTOR_ROLES, roles);
        }
        for (int i = 0; i < headers.size(); i += 2) {
            builder.header(headers.get(i), headers.get(i + 1));
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + baseUrl + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** What came back; assertions read the raw body so that the wire format itself is what is tested. */
    public record Response(int status, String contentType, String body) {
        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }
}
