package dev.runway.rollouts.machine;

import dev.runway.judge.Verdict;
import java.time.Duration;
import java.time.Instant;

/**
 * The reconcile decision: {@code decide(rollout, observed, now)} is a pure function, so the same inputs
 * always give the same decision and a restarted controller picks up exactly where the dead one was.
 *
 * <p>Order of concerns, first match wins:
 *
 * <ol>
 *   <li>terminal states: {@link Decision.Done};
 *   <li>PROMOTING / ABORTING: finish the promotion or the rollback (idempotent, so safe after a crash);
 *   <li>while the canary is live (PROGRESSING or PAUSED), a FAIL from the continuous analysis aborts at
 *       once, whatever step is running: detection is not tied to step boundaries;
 *   <li>PENDING: start the canary; PAUSED: wait for a human;
 *   <li>PROGRESSING: past the last step, promote; otherwise the current step decides ({@link StepDecisions}).
 * </ol>
 */
public final class Decider {
    private Decider() {}

    public static Decision decide(Rollout rollout, Observed observed, Instant now) {
        RolloutState state = rollout.state();
        if (state.terminal()) {
            return new Decision.Done(state + ": " + rollout.reason());
        }
        if (state == RolloutState.PROMOTING) {
            return new Decision.CompletePromotion("promoting " + rollout.version() + ": " + rollout.reason());
        }
        if (state == RolloutState.ABORTING) {
            return new Decision.CompleteRollback(rollout.revertsPromotion(), rollout.reason());
        }
        if (state.canaryLive() && observed.baking() instanceof Verdict.Fail fail) {
            return new Decision.Abort(
                    "analysis failed during " + where(rollout) + ": " + fail.reason(),
                    fail.failedMetrics(),
                    fail.report());
        }
        return switch (state) {
            case PENDING -> new Decision.StartCanary("starting canary " + rollout.version());
            case PAUSED -> new Decision.Wait(null, "paused: " + rollout.reason());
            case PROGRESSING ->
                rollout.currentStep()
                        .map(step -> StepDecisions.decide(rollout, step, observed, now))
                        .orElseGet(() ->
                                new Decision.Promote("all " + rollout.strategy().size() + " steps of '"
                                        + rollout.strategy().name() + "' passed"));
            default -> throw new IllegalStateException("unhandled state " + state);
        };
    }

    static String where(Rollout rollout) {
        return rollout.currentStep()
                .map(s -> "step " + (rollout.stepIndex() + 1) + "/"
                        + rollout.strategy().size() + " (" + s.describe() + ")")
                .orElse("the last step");
    }

    static boolean elapsed(Rollout rollout, Duration duration, Instant now) {
        return !now.isBefore(rollout.stepStartedAt().plus(duration));
    }
}
