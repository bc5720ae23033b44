package dev.runway.rollouts.rollout;

import dev.runway.common.actor.AuditContext;
import dev.runway.common.problem.ApiProblem;
import dev.runway.rollouts.machine.Command;
import dev.runway.rollouts.machine.RolloutState;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rollouts")
class RolloutController {
    private final RolloutService rollouts;
    private final RolloutStore store;

    RolloutController(RolloutService rollouts, RolloutStore store) {
        this.rollouts = rollouts;
        this.store = store;
    }

    @PostMapping
    ResponseEntity<RolloutViews.RolloutView> create(
            @Valid @RequestBody RolloutRequests.Create request, AuditContext context) {
        RolloutRecord created = rollouts.create(request, context);
        return ResponseEntity.created(URI.create("/api/v1/rollouts/" + created.id()))
                .body(RolloutViews.of(created, store.transitions(created.id())));
    }

    @GetMapping
    List<RolloutViews.RolloutView> list(
            @RequestParam(required = false) String service,
            @RequestParam(required = false) String state,
            @RequestParam(defaultValue = "50") int limit) {
        if (state != null
                && Arrays.stream(RolloutState.values()).noneMatch(s -> s.name().equals(state))) {
            throw ApiProblem.invalid("state", "must be one of " + Arrays.toString(RolloutState.values()));
        }
        if (limit < 1 || limit > 500) {
            throw ApiProblem.invalid("limit", "must be between 1 and 500");
        }
        return store.list(service, state, limit).stream()
                .map(r -> RolloutViews.of(r, null))
                .toList();
    }

    @GetMapping("/{id}")
    RolloutViews.RolloutView get(@PathVariable String id) {
        RolloutRecord record = store.find(id).orElseThrow(() -> ApiProblem.notFound("rollout", id));
        return RolloutViews.of(record, store.transitions(id));
    }

    /** promote, pause, resume, abort, retry or rollback; abort and rollback must say why. */
    @PostMapping("/{id}/{action}")
    RolloutViews.RolloutView act(
            @PathVariable String id,
            @PathVariable String action,
            @Valid @RequestBody(required = false) RolloutRequests.Action body,
            AuditContext context) {
        String reason = body != null && body.reason() != null && !body.reason().isBlank()
                ? body.reason().strip()
                : context.reason();
        Command command =
                switch (action) {
                    case "promote" -> new Command.Promote(orDefault(reason));
                    case "pause" -> new Command.Pause(orDefault(reason));
                    case "resume" -> new Command.Resume(orDefault(reason));
                    case "retry" -> new Command.Retry(orDefault(reason));
                    case "abort" -> new Command.Abort(required(reason));
                    case "rollback" -> new Command.Rollback(required(reason));
                    default -> throw ApiProblem.notFound("action", action);
                };
        RolloutRecord saved = rollouts.command(id, command, new AuditContext(context.actor(), reason));
        return RolloutViews.of(saved, store.transitions(id));
    }

    private static String orDefault(String reason) {
        return reason.isBlank() ? "no reason given" : reason;
    }

    private static String required(String reason) {
        if (reason.isBlank()) {
            throw ApiProblem.invalid("reason", "is required: say why the release is being rolled back");
        }
        return reason;
    }
}
