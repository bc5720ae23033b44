package dev.runway.rollouts.machine;

import dev.runway.judge.JudgeReport;
import java.time.Instant;
import java.util.List;

/**
 * What should happen next, as a value. The reconciler carries it out (router, driver, database) in one
 * place; every variant carries the reason recorded with the transition it causes.
 */
public sealed interface Decision {

    String reason();

    /** PENDING: start the canary (static: register its upstream; Kubernetes: create the canary Deployment). */
    record StartCanary(String reason) implements Decision {}

    /** Shift traffic to {@code percent}; compare-and-set against {@code expectedPercent} at the router. */
    record ShiftWeight(int percent, int expectedPercent, String reason) implements Decision {}

    /** Route audience rings 0..{@code ring} to the canary. */
    record ShiftAudience(int ring, String reason) implements Decision {}

    /** The current step is done: go on with {@code nextStep}. */
    record Advance(int nextStep, String reason) implements Decision {}

    /** Nothing to do until {@code until} (null: until something is observed or a human acts). */
    record Wait(Instant until, String reason) implements Decision {}

    /** Stop for a human; the canary keeps its traffic and the analysis keeps judging. */
    record Pause(String reason, JudgeReport report) implements Decision {}

    /** Every step passed (or promote-now): replace the stable version. */
    record Promote(String reason) implements Decision {}

    /** PROMOTING: carry out (or finish after a crash) the promotion, then record PROMOTED. */
    record CompletePromotion(String reason) implements Decision {}

    /** Roll back: record ABORTING with the reason and the failing metrics, then carry it out. */
    record Abort(String reason, List<String> failedMetrics, JudgeReport report) implements Decision {
        public Abort {
            failedMetrics = List.copyOf(failedMetrics);
        }
    }

    /**
     * ABORTING: weight to 0 first, then scale down (and, when reverting a promotion, give the stable
     * version back); then record ROLLED_BACK. Each effect is idempotent, so a crash mid-way repeats safely.
     */
    record CompleteRollback(boolean restorePreviousStable, String reason) implements Decision {}

    /**
     * The canary could not even be started (e.g. no stable Deployment to clone): record FAILED. Nothing takes
     * canary traffic, so there is nothing to roll back; a human fixes the cause and retries.
     */
    record Fail(String reason) implements Decision {}

    /** Terminal: nothing will ever happen without a human's retry or rollback. */
    record Done(String reason) implements Decision {}
}
