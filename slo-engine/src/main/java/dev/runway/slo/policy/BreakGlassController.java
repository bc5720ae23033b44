package dev.runway.slo.policy;

import dev.runway.common.actor.ActorKind;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.slo.access.Editors;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Break-glass: a person who may deploy asks to get through a service's freeze, with a justification and for a
 * bounded time; a second person with role {@code sre} approves. The posture then reports the record while it
 * lasts; the freeze itself stays visible.
 */
@RestController
class BreakGlassController {
    static final int SHORTEST_JUSTIFICATION = 20;

    private final BreakGlassStore records;

    BreakGlassController(BreakGlassStore records) {
        this.records = records;
    }

    /** @param duration ISO-8601, at most 24 h; 4 h when absent */
    record Request(String service, String justification, String duration) {}

    record Revocation(String reason) {}

    @PostMapping("/api/v1/break-glass")
    @ResponseStatus(HttpStatus.CREATED)
    BreakGlassStore.BreakGlass request(@RequestBody Request request, AuditContext context) {
        requirePerson(context, "ask for a break-glass");
        if (!context.hasRole("deployer") && !context.hasRole(Editors.ROLE)) {
            throw ApiProblem.forbidden(
                    context.actor().name() + " may not ask for a break-glass: role 'deployer' or 'sre' is required");
        }
        List<FieldViolation> violations = new ArrayList<>();
        if (request.service() == null || !request.service().matches("[a-z][a-z0-9-]{1,62}")) {
            violations.add(new FieldViolation("service", "must name a service"));
        }
        String justification =
                request.justification() == null ? "" : request.justification().strip();
        if (justification.length() < SHORTEST_JUSTIFICATION) {
            violations.add(new FieldViolation(
                    "justification", "must say why in at least " + SHORTEST_JUSTIFICATION + " characters"));
        }
        Duration duration = Duration.ofHours(4);
        if (request.duration() != null) {
            try {
                duration = Duration.parse(request.duration());
                if (duration.isNegative() || duration.isZero() || duration.compareTo(BreakGlassStore.LONGEST) > 0) {
                    violations.add(new FieldViolation("duration", "must be positive and at most PT24H"));
                }
            } catch (DateTimeParseException e) {
                violations.add(new FieldViolation("duration", "must be an ISO-8601 duration such as PT2H"));
            }
        }
        if (!violations.isEmpty()) {
            throw ApiProblem.invalid(violations);
        }
        return records.request(request.service(), justification, duration, context);
    }

    @PostMapping("/api/v1/break-glass/{id}/approve")
    BreakGlassStore.BreakGlass approve(@PathVariable String id, AuditContext context) {
        Editors.requireSre(context, "approve a break-glass");
        return records.approve(id, context);
    }

    @PostMapping("/api/v1/break-glass/{id}/revoke")
    BreakGlassStore.BreakGlass revoke(
            @PathVariable String id, @RequestBody(required = false) Revocation revocation, AuditContext context) {
        Editors.requireSre(context, "revoke a break-glass");
        String reason = revocation == null || revocation.reason() == null ? context.reason() : revocation.reason();
        return records.revoke(id, reason, context);
    }

    @GetMapping("/api/v1/break-glass")
    List<BreakGlassStore.BreakGlass> list(
            @RequestParam(required = false) String service, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid("limit", "must be between 1 and 1000");
        }
        return records.list(service, limit);
    }

    @GetMapping("/api/v1/break-glass/{id}")
    BreakGlassStore.BreakGlass get(@PathVariable String id) {
        return records.find(id).orElseThrow(() -> ApiProblem.notFound("break-glass", id));
    }

    private static void requirePerson(AuditContext context, String what) {
        ActorKind kind = context.actor().kind();
        if (kind != ActorKind.USER && kind != ActorKind.TOKEN) {
            throw ApiProblem.forbidden("only a person may " + what + ", not a " + kind + " caller");
        }
    }
}
