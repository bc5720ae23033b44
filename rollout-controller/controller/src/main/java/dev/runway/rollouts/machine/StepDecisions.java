package dev.runway.rollouts.machine;

import dev.runway.judge.Verdict;
import dev.runway.rollouts.strategy.Step;
import java.time.Instant;

/**
 * What the current step of a PROGRESSING rollout asks for. Traffic steps compare the wanted split with
 * the split read back from the router: a weight that is already in place (applied just before a crash)
 * advances instead of being applied twice.
 */
final class StepDecisions {
    private StepDecisions() {}

    static Decision decide(Rollout rollout, Step step, Observed observed, Instant now) {
        int next = rollout.stepIndex() + 1;
        String where = Decider.where(rollout);
        return switch (step) {
            case Step.SetWeight w ->
                observed.routedWeight() == w.percent()
                        ? new Decision.Advance(next, "canary weight is " + w.percent() + " %")
                        : new Decision.ShiftWeight(
                                w.percent(),
                                observed.routedWeight(),
                                where + ": canary weight to " + w.percent() + " %");
            case Step.SetAudience a ->
                observed.routedRing() == a.ring()
                        ? new Decision.Advance(next, "audience rings 0.." + a.ring() + " on the canary")
                        : new Decision.ShiftAudience(
                                a.ring(), where + ": audience rings 0.." + a.ring() + " to the canary");
            case Step.Bake b ->
                Decider.elapsed(rollout, b.duration(), now)
                        ? new Decision.Advance(next, "baked " + b.duration() + " without a failing verdict")
                        : new Decision.Wait(rollout.stepStartedAt().plus(b.duration()), where + ": baking");
            case Step.Pause p -> {
                if (p.duration() == null) {
                    yield new Decision.Pause(where + ": strategy pause, waiting for a human to resume", null);
                }
                yield Decider.elapsed(rollout, p.duration(), now)
                        ? new Decision.Advance(next, "timed pause of " + p.duration() + " over")
                        : new Decision.Wait(rollout.stepStartedAt().plus(p.duration()), where + ": timed pause");
            }
            case Step.Analyze a -> analyze(rollout, a, observed, now, next, where);
        };
    }

    /**
     * The analysis gate reads the verdict with the bake counted as complete. INCONCLUSIVE waits (the bake is
     * extended) until {@code extendUpTo} has passed since the gate was reached, then pauses: a canary with
     * too little traffic is never promoted by default.
     */
    private static Decision analyze(
            Rollout rollout, Step.Analyze a, Observed observed, Instant now, int next, String where) {
        Verdict verdict = observed.bakeComplete();
        return switch (verdict) {
            case null ->
                Decider.elapsed(rollout, a.extendUpTo(), now)
                        ? new Decision.Pause(where + ": INCONCLUSIVE: no canary traffic observed", null)
                        : new Decision.Wait(
                                rollout.stepStartedAt().plus(a.extendUpTo()),
                                where + ": waiting for the first canary request");
            case Verdict.Pass pass -> new Decision.Advance(next, "analysis passed: " + pass.reason());
            case Verdict.Fail fail ->
                new Decision.Abort(where + ": " + fail.reason(), fail.failedMetrics(), fail.report());
            case Verdict.Inconclusive inconclusive ->
                Decider.elapsed(rollout, a.extendUpTo(), now)
                        ? new Decision.Pause(where + ": " + inconclusive.reason(), inconclusive.report())
                        : new Decision.Wait(
                                rollout.stepStartedAt().plus(a.extendUpTo()),
                                where + ": extending the bake, " + inconclusive.reason());
        };
    }
}
