package dev.runway.gateway.route;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.gateway.route.table.Route;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API for routes. Blocking JDBC runs on the gateway's admin port only, never on the traffic path;
 * with virtual threads enabled Spring runs these handlers off the event loop.
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

    @GetMapping
    List<Route> list() {
        return store.all();
    }

    @GetMapping("/{id}")
    Route get(@PathVariable String id) {
        return store.find(id).orElseThrow(() -> ApiProblem.notFound("route", id));
    }

    @PostMapping
    ResponseEntity<Route> create(@RequestBody Route route, AuditContext context) {
        if (route.id() != null && store.find(route.id()).isPresent()) {
            throw ApiProblem.conflict(
                    "route-exists",
                    "route '" + route.id() + "' exists: PUT /api/v1/routes/" + route.id() + " replaces it");
        }
        Route created = store.put(route, context);
        loader.reload();
        return ResponseEntity.created(URI.create("/api/v1/routes/" + created.id()))
                .body(created);
    }

    @PutMapping("/{id}")
    Route replace(@PathVariable String id, @RequestBody Route route, AuditContext context) {
        if (route.id() != null && !route.id().equals(id)) {
            throw ApiProblem.invalid("id", "does not match the path ('" + id + "')");
        }
        Route stored = store.put(
                new Route(id, route.pathPrefix(), route.stable(), route.canary(), route.canaryWeight()), context);
        loader.reload();
        return stored;
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id, AuditContext context) {
        store.delete(id, context);
        loader.reload();
        return ResponseEntity.noContent().build();
    }
}
