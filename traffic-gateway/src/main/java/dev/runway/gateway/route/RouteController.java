package dev.runway.gateway.route;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.gateway.route.table.Audience;
import dev.runway.gateway.route.table.Route;
import dev.runway.gateway.route.table.Shadow;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for routes. Blocking JDBC runs on the gateway's admin port only, never on the traffic path;
 * with virtual threads enabled Spring runs these handlers off the event loop.
 *
 * <p>Each change reloads this replica's table before answering (so the caller reads its own write on the
 * traffic port) and reaches the other replicas through the change stream.
 */
@RestController
@RequestMapping("/api/v1/routes")
class RouteController {
    private final RouteStore store;
    private final RouteLoader loader;

    RouteController(RouteStore store, RouteLoader loader) {
        this.store = store;
        this.loader = loader;
    }

    /** Body of {@code PUT /{id}/weight}; {@code expectedCanaryWeight} makes the change a compare-and-set. */
    record WeightChange(Integer canaryWeight, Integer expectedCanaryWeight) {}

    record AudiencesChange(List<Audience> audiences) {}

    @GetMapping
    List<Route> list() {
        return store.all();
    }

    /** The route with its version as a strong ETag; {@code PUT} with {@code If-Match} makes a compare-and-set. */
    @GetMapping("/{id}")
    ResponseEntity<Route> get(@PathVariable String id) {
        RouteStore.Versioned found = store.findVersioned(id).orElseThrow(() -> ApiProblem.notFound("route", id));
        return ResponseEntity.ok().eTag(etag(found.version())).body(found.route());
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an {@code If-Match: "7"} asks for; null without the header. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            throw ApiProblem.invalid("If-Match", "must be a strong ETag as returned by GET, e.g. \"7\"");
        }
        try {
            return Long.parseLong(tag.replace("\"", ""));
        } catch (NumberFormatException e) {
            throw ApiProblem.invalid("If-Match", "must be the ETag returned by GET, e.g. \"7\"");
        }
    }

    @PostMapping
    ResponseEntity<Route> create(@RequestBody Route route, AuditContext context) {
        if (route.id() != null && store.find(route.id()).isPresent()) {
            throw ApiProblem.conflict(
                    "route-exists",
                    "route '" + route.id() + "' exists: PUT /api/v1/routes/" + route.id() + " replaces it");
        }
        Route created = store.put(route, context);
        loader.reloadRoute(created.id());
        return ResponseEntity.created(URI.create("/api/v1/routes/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    ResponseEntity<Route> replace(
            @PathVariable String id,
            @RequestBody Route route,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            AuditContext context) {
        if (route.id() != null && !route.id().equals(id)) {
            throw ApiProblem.invalid("id", "does not match the path ('" + id + "')");
        }
        Route stored = store.put(route.withId(id), expectedVersion(ifMatch), context);
        loader.reloadRoute(id);
        return store.findVersioned(id)
                .map(v -> ResponseEntity.ok().eTag(etag(v.version())).body(stored))
                .orElseGet(() -> ResponseEntity.ok(stored));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, AuditContext context) {
        store.delete(id, context);
        loader.reloadRoute(id);
        return ResponseEntity.noContent().build();
    }

    /** Sets the canary weight and nothing else, atomically: the rollout controller's lever. */
    @PutMapping("/{id}/weight")
    Route setWeight(@PathVariable String id, @RequestBody WeightChange change, AuditContext context) {
        if (change.canaryWeight() == null) {
            throw ApiProblem.invalid("canaryWeight", "is required (basis points, 0-10000)");
        }
        Route changed = store.change(
                id,
                "route.weight-set",
                route -> {
                    if (change.expectedCanaryWeight() != null
                            && !change.expectedCanaryWeight().equals(route.canaryWeight())) {
                        throw ApiProblem.conflict(
                                "weight-changed",
                                "the canary weight is " + route.canaryWeight() + ", not the expected "
                                        + change.expectedCanaryWeight());
                    }
                    List<FieldViolation> violations = new ArrayList<>();
                    Route.checkWeight(change.canaryWeight(), route.canary(), violations);
                    if (!violations.isEmpty()) {
                        throw ApiProblem.invalid(violations);
                    }
                    return route.withWeight(change.canaryWeight());
                },
                context);
        loader.reloadRoute(id);
        return changed;
    }

    @PutMapping("/{id}/audiences")
    Route setAudiences(@PathVariable String id, @RequestBody AudiencesChange change, AuditContext context) {
        if (change.audiences() == null) {
            throw ApiProblem.invalid("audiences", "is required (an empty list removes every ring)");
        }
        Route changed =
                store.change(id, "route.audiences-set", route -> route.withAudiences(change.audiences()), context);
        loader.reloadRoute(id);
        return changed;
    }

    @PutMapping("/{id}/shadow")
    Route setShadow(@PathVariable String id, @RequestBody Shadow shadow, AuditContext context) {
        Route changed = store.change(id, "route.shadow-set", route -> route.withShadow(shadow), context);
        loader.reloadRoute(id);
        return changed;
    }

    @DeleteMapping("/{id}/shadow")
    Route removeShadow(@PathVariable String id, AuditContext context) {
        Route changed = store.change(id, "route.shadow-removed", route -> route.withShadow(null), context);
        loader.reloadRoute(id);
        return changed;
    }
}
