package dev.runway.api.frontdoor;

import dev.runway.api.identity.Role;
import dev.runway.common.actor.AuditContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAPI document for the public API: each service's own document (springdoc), kept to the paths the
 * route table sends to that service, each operation marked with the role it needs. Schema names are prefixed
 * with the service's name ({@code rollout-controller.RolloutView}) so that two services' {@code Request}
 * records cannot collide. A service that is down is listed under {@code x-runway-unavailable}.
 */
@Component
class OpenApiMerger {
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head");

    private final Peers peers;
    private final RouteTable routes;
    private final JsonMapper json;
    private final Environment environment;

    OpenApiMerger(Peers peers, RouteTable routes, JsonMapper json, Environment environment) {
        this.peers = peers;
        this.routes = routes;
        this.json = json;
        this.environment = environment;
    }

    ObjectNode merged(AuditContext context) {
        ObjectNode doc = json.createObjectNode();
        doc.put("openapi", "3.1.0");
        doc.putObject("info")
                .put("title", "Runway public API")
                .put(
                        "description",
                        "Every service's API through platform-api: bearer token, roles per operation"
                                + " (x-runway-role), errors as application/problem+json.");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = doc.putObject("paths");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        components
                .putObject("securitySchemes")
                .putObject("bearer")
                .put("type", "http")
                .put("scheme", "bearer");
        doc.putArray("security").addObject().putArray("bearer");
        List<String> unavailable = new ArrayList<>();
        for (Peer peer : Peer.values()) {
            Optional<JsonNode> source = quietly(() -> peer == Peer.PLATFORM_API
                    ? own()
                    : peers.find(peer, "/v3/api-docs", context).orElse(null));
            if (source.isEmpty()) {
                unavailable.add(peer.serviceName());
                continue;
            }
            // rename the schemas of this service, and every reference to them, before merging
            String prefix = peer.serviceName() + ".";
            JsonNode renamed = json.readTree(json.writeValueAsString(source.get())
                    .replace("#/components/schemas/", "#/components/schemas/" + prefix));
            renamed.path("components")
                    .path("schemas")
                    .properties()
                    .forEach(e -> schemas.set(prefix + e.getKey(), e.getValue()));
            for (Map.Entry<String, JsonNode> path : renamed.path("paths").properties()) {
                mergePath(peer, path.getKey(), path.getValue(), paths);
            }
        }
        if (!unavailable.isEmpty()) {
            var list = doc.putArray("x-runway-unavailable");
            unavailable.forEach(list::add);
        }
        return doc;
    }

    private void mergePath(Peer peer, String path, JsonNode operations, ObjectNode paths) {
        for (String method : METHODS) {
            JsonNode operation = operations.get(method);
            if (operation == null) {
                continue;
            }
            var match = routes.match(method.toUpperCase(java.util.Locale.ROOT), path);
            if (match.isEmpty() || match.get().route().peer() != peer) {
                continue; // not public, or the table sends it elsewhere (a posture path on the controller, say)
            }
            ObjectNode copy = (ObjectNode) operation.deepCopy();
            copy.put("x-runway-service", peer.serviceName());
            if (match.get().route().access() instanceof Route.Access.Requires(Role role)) {
                copy.put("x-runway-role", role.key());
            } else {
                copy.putArray("security");
            }
            ObjectNode target = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            target.set(method, copy);
        }
    }

    /** platform-api's own document, as springdoc serves it on this server. */
    private JsonNode own() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return RestClient.create("http://127.0.0.1:" + port)
                .get()
                .uri("/v3/api-docs")
                .retrieve()
                .body(JsonNode.class);
    }

    private static <T> Optional<T> quietly(Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException unavailable) {
            return Optional.empty();
        }
    }
}
