package dev.runway.flags.ruleset;

import java.time.Instant;

/**
 * What the scheduler does with a scheduled change, as a value; the scheduler applies it. Time comes in as an
 * argument, so the rules are tested without waiting for anything.
 */
public sealed interface ScheduleDecision {
    /** Not due yet (or no longer open): leave it. */
    record Wait() implements ScheduleDecision {}

    /** Apply the change now, as the scheduler, naming the person who scheduled it. */
    record Apply() implements ScheduleDecision {}

    /** Close it without applying, with the reason kept on the schedule and in the audit log. */
    record Close(Status status, String reason) implements ScheduleDecision {}

    /** The life of a scheduled change. Only AWAITING_APPROVAL and SCHEDULED are open. */
    enum Status {
        AWAITING_APPROVAL,
        SCHEDULED,
        APPLIED,
        FAILED,
        CANCELLED,
        REJECTED,
        EXPIRED;

        public boolean open() {
            return this == AWAITING_APPROVAL || this == SCHEDULED;
        }
    }

    /**
     * @param status the schedule's status now
     * @param dueAt when it is due
     * @param now the scheduler's clock
     * @param change the change
     * @param environmentRequiresApproval whether its environment requires approval now (it may have been
     *     switched on since the change was scheduled)
     * @param approved whether a second person approved it
     */
    static ScheduleDecision at(
            Status status,
            Instant dueAt,
            Instant now,
            ScheduledChange change,
            boolean environmentRequiresApproval,
            boolean approved) {
        if (!status.open() || dueAt.isAfter(now)) {
            return new Wait();
        }
        if (status == Status.AWAITING_APPROVAL) {
            // Applying late would surprise everyone who planned around the time: an unapproved change lapses.
            return new Close(Status.EXPIRED, "not approved before its due time");
        }
        if (change.needsApprovalIn(environmentRequiresApproval) && !approved) {
            return new Close(
                    Status.FAILED, "the environment now requires approval and this change was scheduled without it");
        }
        return new Apply();
    }
}
