package dev.runway.flags.flag;

import dev.runway.common.actor.Actor;
import dev.runway.common.actor.AuditContext;
import dev.runway.common.audit.AuditLog;
import dev.runway.common.problem.ApiProblem;
import dev.runway.common.problem.FieldViolation;
import dev.runway.flags.engine.Violation;
import dev.runway.flags.ruleset.FlagDocument;
import dev.runway.flags.ruleset.ScheduleDecision;
import dev.runway.flags.ruleset.ScheduleDecision.Status;
import dev.runway.flags.ruleset.ScheduledChange;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduled changes: scheduling (checked now, approved now where the environment requires it), approval,
 * rejection, cancellation, and applying what is due. Each step is one transaction with its audit record.
 *
 * <p>Applying runs as the system actor {@value #SYSTEM}; the reason it records names the person who scheduled
 * the change (and who approved it), so the flag's history and the audit log show both.
 */
@Service
class Scheduler {
    static final String SYSTEM = "flag-scheduler";
    private static final Logger log = LoggerFactory.getLogger(Scheduler.class);

    private final ScheduleStore schedules;
    private final FlagStore flags;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Scheduler(ScheduleStore schedules, FlagStore flags, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.schedules = schedules;
        this.flags = flags;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    Schedule schedule(String key, String environment, Instant at, Schedule.Change change, AuditContext context) {
        if (at == null) {
            throw ApiProblem.invalid("at", "is required: the instant to apply the change, e.g. 2030-01-01T09:00:00Z");
        }
        if (!at.isAfter(clock.instant())) {
            throw ApiProblem.invalid("at", "must be in the future (" + at + " is not)");
        }
        if (change == null || change.given() != 1) {
            throw ApiProblem.invalid("change", "must set exactly one of state, rollout, environment");
        }
        if (change.rollout() != null) {
            FlagController.requireWeights(
                    "change.rollout.weights", change.rollout().weights());
        }
        return transactions.execute(status -> {
            FlagDocument current = flags.find(key)
                    .orElseThrow(() -> ApiProblem.invalid("key", "no flag '" + key + "'"))
                    .flag();
            Boolean guarded = schedules
                    .approvalSetting(environment)
                    .orElseThrow(() -> ApiProblem.invalid("environment", "no environment '" + environment + "'"));
            ScheduledChange scheduled = change.toScheduled();
            // Checked against today's flag so that a typo fails now, not at 3 a.m.; checked again when applied.
            reject(environment, change, flags.violations(key, scheduled.applyTo(current, environment)));
            boolean approval = scheduled.needsApprovalIn(guarded);
            Schedule created = schedules.create(
                    key,
                    environment,
                    at.truncatedTo(ChronoUnit.MICROS),
                    change,
                    approval ? Status.AWAITING_APPROVAL : Status.SCHEDULED,
                    context);
            audit.record(context, "flag.change-scheduled", subject(created), null, created);
            return created;
        });
    }

    List<Schedule> list(String key, String environment) {
        return schedules.list(key, environment);
    }

    Schedule get(String key, String environment, long id) {
        return schedules
                .find(id)
                .filter(schedule -> belongs(schedule, key, environment))
                .orElseThrow(() -> ApiProblem.notFound("schedule", Long.toString(id)));
    }

    Schedule approve(String key, String environment, long id, AuditContext context) {
        return transactions.execute(status -> {
            Schedule schedule = open(key, environment, id);
            if (schedule.status() != Status.AWAITING_APPROVAL) {
                throw ApiProblem.conflict("schedule-not-awaiting-approval", "schedule #" + id + " needs no approval");
            }
            if (schedule.scheduledBy().equals(context.actor().name())) {
                throw ApiProblem.forbidden("a scheduled change cannot be approved by the person who scheduled it");
            }
            if (!schedule.at().isAfter(clock.instant())) {
                throw ApiProblem.conflict("schedule-expired", "schedule #" + id + " was due at " + schedule.at());
            }
            schedules.approve(id, context);
            Schedule approved = schedules.find(id).orElseThrow();
            audit.record(context, "flag.schedule-approved", subject(approved), schedule, approved);
            return approved;
        });
    }

    Schedule reject(String key, String environment, long id, AuditContext context) {
        return close(key, environment, id, Status.REJECTED, "flag.schedule-rejected", context);
    }

    Schedule cancel(String key, String environment, long id, AuditContext context) {
        return close(key, environment, id, Status.CANCELLED, "flag.schedule-cancelled", context);
    }

    private Schedule close(
            String key, String environment, long id, Status closed, String action, AuditContext context) {
        return transactions.execute(status -> {
            Schedule schedule = open(key, environment, id);
            if (closed == Status.REJECTED && schedule.status() != Status.AWAITING_APPROVAL) {
                throw ApiProblem.conflict("schedule-not-awaiting-approval", "schedule #" + id + " needs no approval");
            }
            schedules.closeBy(id, closed, context, clock.instant());
            Schedule after = schedules.find(id).orElseThrow();
            audit.record(context, action, subject(after), schedule, after);
            return after;
        });
    }

    /** Locked and still open; 404 if it is not this flag's and environment's, 409 if it is closed. */
    private Schedule open(String key, String environment, long id) {
        Schedule schedule = schedules
                .lock(id)
                .filter(found -> belongs(found, key, environment))
                .orElseThrow(() -> ApiProblem.notFound("schedule", Long.toString(id)));
        if (!schedule.status().open()) {
            throw ApiProblem.conflict("schedule-closed", "schedule #" + id + " is already " + schedule.status());
        }
        return schedule;
    }

    /**
     * Applies or closes every schedule due by the clock's now, one transaction each; returns how many it
     * handled. Safe to run on every replica at once.
     */
    int runDue() {
        int handled = 0;
        while (true) {
            // PostgreSQL keeps microseconds (rounding the rest): compare at that precision, as the query does.
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            AtomicLong claimed = new AtomicLong(-1);
            try {
                Boolean found = transactions.execute(status -> schedules
                        .claimDue(now)
                        .map(due -> {
                            claimed.set(due.id());
                            return settle(due, now);
                        })
                        .orElse(false));
                if (!Boolean.TRUE.equals(found)) {
                    return handled;
                }
            } catch (ApiProblem refused) {
                if (claimed.get() < 0) {
                    throw refused;
                }
                fail(claimed.get(), refused, now);
            }
            handled++;
        }
    }

    /** Applies or closes a claimed schedule; false if it is not due after all (clock precision), to stop. */
    private boolean settle(Schedule due, Instant now) {
        ScheduledChange change = due.change().toScheduled();
        boolean approved = due.decidedBy() != null;
        switch (ScheduleDecision.at(
                due.status(), due.at(), now, change, schedules.requiresApproval(due.environment()), approved)) {
            case ScheduleDecision.Wait wait -> {
                return false;
            }
            case ScheduleDecision.Close(Status status, String reason) -> {
                schedules.closeBySystem(due.id(), status, reason, null, now);
                audit.record(
                        AuditContext.system(SYSTEM, describe(due) + " (" + reason + ")"),
                        "flag.schedule-" + status.name().toLowerCase(Locale.ROOT),
                        subject(due),
                        due,
                        schedules.find(due.id()).orElseThrow());
            }
            case ScheduleDecision.Apply apply -> {
                AuditContext applying = new AuditContext(Actor.system(SYSTEM), describe(due));
                // Approval was settled when it was scheduled: apply as a pre-approved change.
                FlagStore.Outcome outcome = flags.change(
                        due.flagKey(),
                        change.action(),
                        applying,
                        true,
                        current -> change.applyTo(current, due.environment()));
                int version = ((FlagStore.Outcome.Applied) outcome).flag().version();
                schedules.closeBySystem(due.id(), Status.APPLIED, null, version, now);
                audit.record(
                        applying,
                        "flag.schedule-applied",
                        subject(due),
                        due,
                        schedules.find(due.id()).orElseThrow());
            }
        }
        return true;
    }

    /**
     * The change was refused when applied (the flag was deleted, or the change no longer validates against
     * it): that transaction rolled back whole, so the schedule is closed as FAILED in a new one, with the
     * reason. Other failures (the database going away) leave it open, to be tried again.
     */
    private void fail(long id, ApiProblem refused, Instant now) {
        String reason = refused.violations().isEmpty()
                ? refused.getMessage()
                : refused.violations().stream()
                        .map(violation -> violation.field() + ": " + violation.reason())
                        .collect(Collectors.joining("; "));
        log.warn("scheduled change #{} failed: {}", id, reason);
        transactions.executeWithoutResult(status -> schedules.claim(id).ifPresent(due -> {
            schedules.closeBySystem(id, Status.FAILED, reason, null, now);
            audit.record(
                    AuditContext.system(SYSTEM, describe(due) + " (failed: " + reason + ")"),
                    "flag.schedule-failed",
                    subject(due),
                    due,
                    schedules.find(id).orElseThrow());
        }));
    }

    private static String describe(Schedule due) {
        String approval = due.decidedBy() == null ? "" : ", approved by " + due.decidedBy();
        return "scheduled change #" + due.id() + " by " + due.scheduledBy() + approval + ": " + due.reason();
    }

    private static boolean belongs(Schedule schedule, String key, String environment) {
        return schedule.flagKey().equals(key) && schedule.environment().equals(environment);
    }

    private static String subject(Schedule schedule) {
        return "flag/" + schedule.flagKey();
    }

    /** The validator speaks of the whole document; the request only holds the change. */
    private static void reject(String environment, Schedule.Change change, List<Violation> violations) {
        if (violations.isEmpty()) {
            return;
        }
        String prefix = "environments." + environment;
        String into = change.environment() != null ? "change.environment" : "change";
        throw ApiProblem.invalid(violations.stream()
                .map(violation -> new FieldViolation(
                        violation.path().startsWith(prefix)
                                ? into + violation.path().substring(prefix.length())
                                : violation.path(),
                        violation.message()))
                .toList());
    }
}
