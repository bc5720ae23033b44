package dev.runway.rollouts.strategy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in strategies, one per posture.
 *
 * <p>NORMAL: ring 0, then 1 → 5 → 25 → 50 → 100 %, each followed by a bake and an analysis. The 100 % step
 * gets a bake but no analysis of its own: with every request on the canary there is no baseline left to
 * compare against, so the last comparative gate is at 50 %; the 100 % bake is the window in which an SLO
 * burn (the slo-engine's abort) can still roll back before the stable version is replaced.
 *
 * <p>TIGHTEN (budget burning): more, smaller steps (1 → 2 → 5 → 10 → 25 → 50 → 100 %) and bakes twice as
 * long, so a regression is caught at a smaller blast radius and with more evidence per step.
 *
 * <p>AGGRESSIVE (plenty of budget): ring 0 → 5 → 25 → 100 % with the configured bake.
 *
 * <p>FREEZE has no strategy: creation refuses unless break-glass, and a break-glass rollout takes TIGHTEN.
 */
public final class Strategies {
    private Strategies() {}

    public static Strategy forPosture(Posture posture, StrategyTiming timing) {
        return switch (posture) {
            case AGGRESSIVE -> ladder("aggressive", List.of(5, 25, 100), timing.bake(), timing.analysisExtension());
            case NORMAL -> ladder("default", List.of(1, 5, 25, 50, 100), timing.bake(), timing.analysisExtension());
            case TIGHTEN, FREEZE ->
                ladder(
                        "tighten",
                        List.of(1, 2, 5, 10, 25, 50, 100),
                        timing.bake().multipliedBy(2),
                        timing.analysisExtension().multipliedBy(2));
        };
    }

    private static Strategy ladder(String name, List<Integer> weights, Duration bake, Duration extension) {
        List<Step> steps = new ArrayList<>();
        steps.add(new Step.SetAudience(0));
        steps.add(new Step.Bake(bake));
        steps.add(new Step.Analyze(extension));
        for (int weight : weights) {
            steps.add(new Step.SetWeight(weight));
            steps.add(new Step.Bake(bake));
            if (weight < 100) {
                steps.add(new Step.Analyze(extension));
            }
        }
        return new Strategy(name, steps);
    }
}
