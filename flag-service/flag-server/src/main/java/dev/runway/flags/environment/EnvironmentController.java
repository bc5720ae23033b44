package dev.runway.flags.environment;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/environments")
class EnvironmentController {
    private final EnvironmentStore environments;

    EnvironmentController(EnvironmentStore environments) {
        this.environments = environments;
    }

    @PostMapping
    ResponseEntity<Environment> create(@Valid @RequestBody Environment.Create request, AuditContext context) {
        Environment created = environments.create(request, context);
        return ResponseEntity.created(URI.create("/api/v1/environments/" + created.key()))
                .body(created);
    }

    @GetMapping
    List<Environment> list() {
        return environments.list();
    }

    /** {@code {"requiresApproval": true|false}}: whether changes to this environment need a second person. */
    @PutMapping("/{key}/approval")
    Environment approval(@PathVariable String key, @RequestBody ApprovalSetting setting, AuditContext context) {
        if (setting.requiresApproval() == null) {
            throw ApiProblem.invalid("requiresApproval", "must be true or false");
        }
        return environments.setApproval(key, setting.requiresApproval(), context);
    }

    record ApprovalSetting(Boolean requiresApproval) {}

    @GetMapping("/{key}")
    Environment get(@PathVariable String key) {
        return environments.find(key).orElseThrow(() -> ApiProblem.notFound("environment", key));
    }
}
