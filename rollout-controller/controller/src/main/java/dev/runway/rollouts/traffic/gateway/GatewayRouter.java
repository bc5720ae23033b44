package dev.runway.rollouts.traffic.gateway;

import dev.runway.rollouts.traffic.TrafficRouter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's traffic-gateway through its admin API. Weights there are basis points; here whole percent.
 * Weight changes use the gateway's atomic weight endpoint (a row lock and optional compare-and-set) so they
 * never overwrite a concurrent change to the rest of the route.
 */
public final class GatewayRouter implements TrafficRouter {
    private final RestClient client;

    public GatewayRouter(RestClient client) {
        this.client = client;
    }

    @Override
    public Split read(String route) {
        JsonNode r = route(route);
        int weight = r.path("canaryWeight").asInt(0);
        int rings = r.path("audiences").isArray() ? r.path("audiences").size() : 0;
        boolean attached = r.path("canary").isArray() && !r.path("canary").isEmpty();
        return new Split(weight / 100, rings - 1, attached);
    }

    @Override
    public void attachCanary(String route, List<String> canaryUpstreams) {
        edit(route, false, r -> {
            if (sameList(r.path("canary"), canaryUpstreams)) {
                return false;
            }
            r.put("canaryWeight", 0);
            r.putPOJO("canary", canaryUpstreams);
            return true;
        });
    }

    @Override
    public void setWeight(String route, int percent, Integer expectedPercent) {
        Map<String, Integer> body = expectedPercent == null
                ? Map.of("canaryWeight", percent * 100)
                : Map.of("canaryWeight", percent * 100, "expectedCanaryWeight", expectedPercent * 100);
        try {
            client.put()
                    .uri("/api/v1/routes/{id}/weight", route)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(body)
                    .retrieve()
                    .toBodilessEntity();
        } catch (HttpClientErrorException.NotFound e) {
            if (percent != 0) {
                throw new RouterException("gateway: route " + route + " does not exist", e);
            }
            // No route, no traffic: weight 0 holds already; a rollback must not wait on a deleted route.
        } catch (RestClientException e) {
            throw new RouterException("gateway: could not set weight of " + route + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void setAudience(String route, int ring, List<Object> rings) {
        List<Object> wanted = new ArrayList<>(rings.subList(0, Math.min(ring + 1, rings.size())));
        call("set audiences of " + route, () -> client.put()
                .uri("/api/v1/routes/{id}/audiences", route)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("audiences", wanted))
                .retrieve()
                .toBodilessEntity());
    }

    @Override
    public void replaceStable(String route, List<String> upstreams) {
        edit(route, false, r -> {
            r.putPOJO("stable", upstreams);
            r.putPOJO("canary", List.of());
            r.put("canaryWeight", 0);
            r.putPOJO("audiences", List.of());
            return true;
        });
    }

    @Override
    public void detachCanary(String route) {
        // Weight first, through the atomic endpoint: the fastest way to take traffic off a bad canary.
        setWeight(route, 0, null);
        edit(route, true, r -> {
            r.putPOJO("canary", List.of());
            r.put("canaryWeight", 0);
            r.putPOJO("audiences", List.of());
            return true;
        });
    }

    /** Attempts of a read-modify-write before giving up (and retrying at the next reconcile). */
    static final int EDIT_ATTEMPTS = 3;

    /**
     * Read-modify-write of the whole route as a compare-and-set ({@code If-Match} with the ETag read): a person
     * editing the route meanwhile (a new upstream, a shadow) is not overwritten; the change is reapplied to
     * what they stored. {@code change} edits the route in place and says whether there is anything to write.
     * {@code goneIsDone}: a deleted route routes nothing, so detaching from it is done.
     */
    private void edit(String route, boolean goneIsDone, Predicate<ObjectNode> change) {
        for (int attempt = 1; ; attempt++) {
            ResponseEntity<JsonNode> read;
            try {
                read = client.get().uri("/api/v1/routes/{id}", route).retrieve().toEntity(JsonNode.class);
            } catch (HttpClientErrorException.NotFound e) {
                if (goneIsDone) {
                    return;
                }
                throw new RouterException("gateway: route " + route + " does not exist", e);
            } catch (RestClientException e) {
                throw new RouterException("gateway: could not read route " + route + ": " + e.getMessage(), e);
            }
            ObjectNode body = (ObjectNode) read.getBody();
            if (!change.test(body)) {
                return;
            }
            try {
                var put = client.put().uri("/api/v1/routes/{id}", route).contentType(MediaType.APPLICATION_JSON);
                String etag = read.getHeaders().getETag();
                if (etag != null) {
                    put = put.header("If-Match", etag);
                }
                put.body(body).retrieve().toBodilessEntity();
                return;
            } catch (HttpClientErrorException e) {
                if (e.getStatusCode().value() != 412 || attempt >= EDIT_ATTEMPTS) {
                    throw new RouterException("gateway: could not replace route " + route + ": " + e.getMessage(), e);
                }
                // someone changed the route between our read and write: read again, reapply
            } catch (RestClientException e) {
                throw new RouterException("gateway: could not replace route " + route + ": " + e.getMessage(), e);
            }
        }
    }

    private JsonNode route(String route) {
        return call(
                "read route " + route,
                () -> client.get().uri("/api/v1/routes/{id}", route).retrieve().body(JsonNode.class));
    }

    private static boolean sameList(JsonNode array, List<String> values) {
        if (!array.isArray() || array.size() != values.size()) {
            return false;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!values.get(i).equals(array.get(i).asString())) {
                return false;
            }
        }
        return true;
    }

    private static <T> T call(String what, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException e) {
            throw new RouterException("gateway: could not " + what + ": " + e.getMessage(), e);
        }
    }
}
