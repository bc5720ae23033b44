package dev.runway.slo.probe;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.slo.access.Editors;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/probes")
@EnableConfigurationProperties(ProbeSettings.class)
class ProbeController {
    private final ProbeStore probes;

    ProbeController(ProbeStore probes) {
        this.probes = probes;
    }

    @GetMapping
    List<ProbeSpec> list() {
        return probes.all();
    }

    @GetMapping("/{name}")
    ProbeSpec get(@PathVariable String name) {
        return probes.find(name).orElseThrow(() -> ApiProblem.notFound("probe", name));
    }

    @PostMapping
    ResponseEntity<ProbeSpec> create(@RequestBody ProbeSpec probe, AuditContext context) {
        Editors.requireSre(context, "define probes");
        if (probe.name() != null && probes.find(probe.name()).isPresent()) {
            throw ApiProblem.conflict(
                    "probe-exists", "probe '" + probe.name() + "' exists: PUT /api/v1/probes/" + probe.name());
        }
        ProbeSpec created = probes.put(probe, context);
        return ResponseEntity.created(URI.create("/api/v1/probes/" + created.name()))
                .body(created);
    }

    @PutMapping("/{name}")
    ProbeSpec replace(@PathVariable String name, @RequestBody ProbeSpec probe, AuditContext context) {
        Editors.requireSre(context, "change probes");
        if (probe.name() != null && !probe.name().equals(name)) {
            throw ApiProblem.invalid("name", "does not match the path ('" + name + "')");
        }
        return probes.put(
                new ProbeSpec(
                        name,
                        probe.service(),
                        probe.interval(),
                        probe.baseUrl(),
                        probe.viaGateway(),
                        probe.version(),
                        probe.steps(),
                        probe.failuresToAlert(),
                        probe.alertTier()),
                context);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name, AuditContext context) {
        Editors.requireSre(context, "delete probes");
        probes.delete(name, context);
        return ResponseEntity.noContent().build();
    }

    /** Runs the probe at the next tick instead of waiting for its interval. */
    @PostMapping("/{name}/run")
    ResponseEntity<Void> runNow(@PathVariable String name, AuditContext context) {
        probes.runSoon(name, context);
        return ResponseEntity.accepted().build();
    }

    @GetMapping("/{name}/results")
    List<ProbeStore.Result> results(@PathVariable String name, @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        get(name);
        return probes.results(name, limit);
    }
}
