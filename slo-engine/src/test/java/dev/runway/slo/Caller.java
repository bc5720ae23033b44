package dev.runway.slo;

import dev.runway.common.actor.RunwayHeaders;
import dev.runway.testkit.ServiceClient;
import dev.runway.testkit.TestDatabaseContextCustomizerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the slo-engine as the front door does for an authenticated caller: internal token, actor, actor kind
 * and the roles the front door resolved. The test kit's client names no roles, and editing policy and SLOs
 * needs one. Answers are the test kit's {@link ServiceClient.Response}, so its problem assertions apply.
 */
public final class Caller {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String actor;
    private final String kind;
    private final String roles;

    private Caller(String baseUrl, String actor, String kind, String roles) {
        this.baseUrl = baseUrl;
        this.actor = actor;
        this.kind = kind;
        this.roles = roles;
    }

    /** A site reliability engineer: user {@code sre-sam} with role {@code sre}. */
    public static Caller sre(int port) {
        return new Caller("http://localhost:" + port, "sre-sam", "USER", "sre");
    }

    public static Caller at(int port, String actor, String kind, String roles) {
        return new Caller("http://localhost:" + port, actor, kind, roles);
    }

    public ServiceClient.Response get(String path) {
        return send("GET", path, null, null);
    }

    public ServiceClient.Response post(String path, String json) {
        return send("POST", path, "application/json", json);
    }

    public ServiceClient.Response put(String path, String json) {
        return send("PUT", path, "application/json", json);
    }

    public ServiceClient.Response delete(String path) {
        return send("DELETE", path, null, null);
    }

    public ServiceClient.Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header(RunwayHeaders.INTERNAL_TOKEN, TestDatabaseContextCustomizerFactory.INTERNAL_TOKEN)
                .header(RunwayHeaders.ACTOR, actor)
                .header(RunwayHeaders.ACTOR_KIND, kind)
                .header(RunwayHeaders.REASON, "test");
        if (roles != null) {
            request.header(RunwayHeaders.ACTOR_ROLES, roles);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ServiceClient.Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request to " + baseUrl + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
