package dev.runway.rollouts.registry;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/services")
class ServiceRegistryController {
    private final ServiceRegistry registry;

    ServiceRegistryController(ServiceRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<RegisteredService> register(
            @Valid @RequestBody RegisteredService.Register request, AuditContext context) {
        RegisteredService created = registry.register(request, context);
        return ResponseEntity.created(URI.create("/api/v1/services/" + created.name()))
                .body(created);
    }

    @GetMapping
    List<RegisteredService> list() {
        return registry.list();
    }

    @GetMapping("/{name}")
    RegisteredService get(@PathVariable String name) {
        return registry.find(name).orElseThrow(() -> ApiProblem.notFound("service", name));
    }
}
