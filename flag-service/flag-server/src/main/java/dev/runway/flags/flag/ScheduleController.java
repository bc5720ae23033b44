package dev.runway.flags.flag;

import dev.runway.common.actor.AuditContext;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled changes to one environment of a flag: schedule, list, approve or reject, cancel. */
@RestController
@RequestMapping("/api/v1/flags/{key}/environments/{environment}/schedules")
class ScheduleController {
    private final Scheduler scheduler;

    ScheduleController(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** 201 with the schedule: SCHEDULED, or AWAITING_APPROVAL where the environment requires approval. */
    @PostMapping
    ResponseEntity<Schedule> schedule(
            @PathVariable String key,
            @PathVariable String environment,
            @RequestBody ScheduleRequest request,
            AuditContext context) {
        Schedule created = scheduler.schedule(key, environment, request.at(), request.change(), context);
        return ResponseEntity.created(URI.create(
                        "/api/v1/flags/" + key + "/environments/" + environment + "/schedules/" + created.id()))
                .body(created);
    }

    @GetMapping
    List<Schedule> list(@PathVariable String key, @PathVariable String environment) {
        return scheduler.list(key, environment);
    }

    @GetMapping("/{id}")
    Schedule get(@PathVariable String key, @PathVariable String environment, @PathVariable long id) {
        return scheduler.get(key, environment, id);
    }

    @PostMapping("/{id}/approve")
    Schedule approve(
            @PathVariable String key, @PathVariable String environment, @PathVariable long id, AuditContext context) {
        return scheduler.approve(key, environment, id, context);
    }

    @PostMapping("/{id}/reject")
    Schedule reject(
            @PathVariable String key, @PathVariable String environment, @PathVariable long id, AuditContext context) {
        return scheduler.reject(key, environment, id, context);
    }

    @PostMapping("/{id}/cancel")
    Schedule cancel(
            @PathVariable String key, @PathVariable String environment, @PathVariable long id, AuditContext context) {
        return scheduler.cancel(key, environment, id, context);
    }

    /**
     * @param at when to apply it (an ISO-8601 instant in the future)
     * @param change exactly one of {@code state}, {@code rollout}, {@code environment}
     */
    record ScheduleRequest(Instant at, Schedule.Change change) {}
}
