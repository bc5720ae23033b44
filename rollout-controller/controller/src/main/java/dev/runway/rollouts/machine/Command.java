package dev.runway.rollouts.machine;

/** What a human (or the slo-engine) asks of a rollout through the API. */
public sealed interface Command {
    String reason();

    /** Skip the remaining steps and promote now. */
    record Promote(String reason) implements Command {}

    record Pause(String reason) implements Command {}

    /** Continue a paused rollout: past a strategy pause, or restarting the current step's clock. */
    record Resume(String reason) implements Command {}

    /** Roll back the canary (the slo-engine's fast-burn signal uses this too). */
    record Abort(String reason) implements Command {}

    /** Start a rolled-back or failed rollout again from its first step. */
    record Retry(String reason) implements Command {}

    /** Roll a promoted release back to the previous stable version. */
    record Rollback(String reason) implements Command {}
}
