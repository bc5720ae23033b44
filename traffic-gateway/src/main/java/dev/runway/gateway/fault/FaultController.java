package dev.runway.gateway.fault;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.gateway.fault.rule.Fault;
import dev.runway.gateway.fault.rule.FaultSpec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Fault injection for the chaos service: install on a route, list, remove one, remove all (halt). Every
 * fault carries an expiry the gateway enforces by itself.
 */
@RestController
class FaultController {
    private final FaultStore store;
    private final FaultBook book;
    private final Clock clock;
    private final Duration maxTtl;

    FaultController(
            FaultStore store,
            FaultBook book,
            Clock clock,
            @Value("${runway.gateway.faults.max-ttl:PT24H}") Duration maxTtl) {
        this.store = store;
        this.book = book;
        this.clock = clock;
        this.maxTtl = maxTtl;
    }

    @PostMapping("/api/v1/routes/{routeId}/faults")
    ResponseEntity<Fault> inject(@PathVariable String routeId, @RequestBody FaultSpec spec, AuditContext context) {
        Instant now = clock.instant();
        var violations = spec.violations(now, maxTtl);
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        Fault fault = store.add(spec.accept(UUID.randomUUID().toString(), routeId, now), context);
        book.reload();
        return ResponseEntity.created(URI.create("/api/v1/faults/" + fault.id()))
                .body(fault);
    }

    @GetMapping("/api/v1/routes/{routeId}/faults")
    List<Fault> forRoute(@PathVariable String routeId) {
        return store.forRoute(routeId, clock.instant());
    }

    @GetMapping("/api/v1/faults")
    List<Fault> all() {
        return store.active(clock.instant());
    }

    @GetMapping("/api/v1/faults/{id}")
    Fault get(@PathVariable String id) {
        return store.find(id)
                .filter(f -> f.activeAt(clock.instant()))
                .orElseThrow(() -> ApiProblem.notFound("fault", id));
    }

    @DeleteMapping("/api/v1/faults/{id}")
    ResponseEntity<Void> remove(@PathVariable String id, AuditContext context) {
        store.delete(id, context);
        book.reload();
        return ResponseEntity.noContent().build();
    }

    /** Halt: removes every fault on every route at once. */
    @DeleteMapping("/api/v1/faults")
    Map<String, Integer> removeAll(AuditContext context) {
        int removed = store.deleteAll(context);
        book.reload();
        return Map.of("removed", removed);
    }
}
