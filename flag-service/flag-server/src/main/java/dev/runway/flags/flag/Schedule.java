package dev.runway.flags.flag;

import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.ruleset.EnvironmentConfig;
import dev.runway.flags.ruleset.ScheduleDecision;
import dev.runway.flags.ruleset.ScheduledChange;
import java.time.Instant;

/**
 * A change to one environment of a flag, due at a given time.
 *
 * @param id the schedule id
 * @param flagKey the flag
 * @param environment the environment it changes
 * @param at when it is due
 * @param change what it does, as it was asked for
 * @param status AWAITING_APPROVAL or SCHEDULED while open; then APPLIED, FAILED, CANCELLED, REJECTED or EXPIRED
 * @param scheduledBy who scheduled it
 * @param reason why, as they said
 * @param decidedBy who approved, rejected or cancelled it ({@code null} otherwise)
 * @param decisionReason why, as they said
 * @param outcome why it failed or expired, {@code null} otherwise
 * @param appliedVersion the flag version it made, once applied
 * @param createdAt when it was scheduled
 * @param closedAt when it was applied, failed, cancelled, rejected or expired
 */
record Schedule(
        long id,
        String flagKey,
        String environment,
        Instant at,
        Change change,
        ScheduleDecision.Status status,
        String scheduledBy,
        String reason,
        String decidedBy,
        String decisionReason,
        String outcome,
        Integer appliedVersion,
        Instant createdAt,
        Instant closedAt) {

    /**
     * The change as the API takes it: exactly one of the three.
     *
     * @param state the environment's new state
     * @param rollout new rollout weights, as {@code PUT …/rollout} takes them
     * @param environment the environment's whole new state and targeting, as {@code PUT …/environments/{env}}
     */
    record Change(FlagState state, FlagController.RolloutChange rollout, EnvironmentConfig environment) {
        ScheduledChange toScheduled() {
            if (state != null) {
                return new ScheduledChange.SetState(state);
            }
            if (rollout != null) {
                return new ScheduledChange.SetRollout(rollout.bucketBy(), rollout.weights());
            }
            return new ScheduledChange.SetEnvironment(environment);
        }

        int given() {
            return (state != null ? 1 : 0) + (rollout != null ? 1 : 0) + (environment != null ? 1 : 0);
        }
    }
}
