package dev.runway.rollouts.machine;

import dev.runway.judge.JudgeReport;
import dev.runway.judge.Outcome;
import dev.runway.judge.Phase;
import dev.runway.judge.Verdict;
import dev.runway.rollouts.strategy.Step;
import dev.runway.rollouts.strategy.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Tiny factories for the state machine's tables. */
final class Fixtures {
    static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    /** setWeight 5, bake 1m, analyze (extend 2m), pause, setWeight 100, bake 1m. */
    static final Strategy STRATEGY = new Strategy(
            "test",
            List.of(
                    new Step.SetWeight(5),
                    new Step.Bake(Duration.ofMinutes(1)),
                    new Step.Analyze(Duration.ofMinutes(2)),
                    new Step.Pause(null),
                    new Step.SetWeight(100),
                    new Step.Bake(Duration.ofMinutes(1))));

    private Fixtures() {}

    static Rollout rollout(RolloutState state, int step) {
        return new Rollout("r-1", "checkout", "v2", STRATEGY, state, step, T0, 1, false, "because");
    }

    static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    static Verdict pass() {
        return new Verdict.Pass(report(Outcome.PASS, "PASS: every metric passed"));
    }

    static Verdict fail() {
        return new Verdict.Fail(
                report(Outcome.FAIL, "FAIL: critical metric failed: error-ratio"), List.of("error-ratio"));
    }

    static Verdict inconclusive() {
        return new Verdict.Inconclusive(
                report(Outcome.INCONCLUSIVE, "INCONCLUSIVE: waiting on error-ratio"), List.of("error-ratio"));
    }

    static Observed seen(int weight, Verdict verdict) {
        return new Observed(weight, -1, verdict, verdict);
    }

    private static JudgeReport report(Outcome outcome, String summary) {
        return new JudgeReport(outcome, Phase.BAKING, T0, 3, 100, 2000, 0.01, 0.05, List.of(), summary);
    }
}
