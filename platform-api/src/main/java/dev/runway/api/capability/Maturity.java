package dev.runway.api.capability;

import java.util.ArrayList;
import java.util.List;

/**
 * The maturity ladder of testing in production, per service, from what the platform observes:
 *
 * <ul>
 *   <li>L0: nothing observed yet;
 *   <li>L1: metrics tagged by version (the gateway or Prometheus can tell releases apart);
 *   <li>L2: feature flags and canary rollouts in use;
 *   <li>L3: automated canary analysis with automatic rollback;
 *   <li>L4: chaos game days and an error-budget policy governing risk;
 *   <li>L5: continuous chaos.
 * </ul>
 *
 * A rung counts only when every rung below it holds: a service with chaos but no canaries is at L1, and the
 * answer says what the next rung still needs.
 */
public final class Maturity {
    private Maturity() {}

    /** What the platform saw of one service. */
    public record Observations(
            boolean versionTaggedMetrics,
            boolean flags,
            boolean canaries,
            boolean automatedAnalysis,
            boolean automaticRollback,
            boolean chaosGameDays,
            boolean budgetPolicy,
            boolean continuousChaos) {}

    /** The rung reached and what the next one is missing (empty at L5). */
    public record Rung(int level, String name, List<String> missingForNext) {}

    private record Step(String name, List<Requirement> requirements) {}

    private record Requirement(String missing, java.util.function.Predicate<Observations> met) {}

    private static final List<Step> LADDER = List.of(
            new Step(
                    "version-tagged metrics",
                    List.of(new Requirement(
                            "request metrics tagged by version (route the service through the gateway or tag"
                                    + " its Prometheus metrics)",
                            Observations::versionTaggedMetrics))),
            new Step(
                    "flags and canaries",
                    List.of(
                            new Requirement("a feature flag for the service", Observations::flags),
                            new Requirement("a canary rollout", Observations::canaries))),
            new Step(
                    "automated analysis and rollback",
                    List.of(
                            new Requirement(
                                    "a rollout strategy with automated analysis", Observations::automatedAnalysis),
                            new Requirement(
                                    "automatic rollback armed on its rollouts", Observations::automaticRollback))),
            new Step(
                    "game days and budget policy",
                    List.of(
                            new Requirement("a chaos game day", Observations::chaosGameDays),
                            new Requirement("an SLO governed by the error-budget policy", Observations::budgetPolicy))),
            new Step(
                    "continuous chaos",
                    List.of(new Requirement(
                            "continuously scheduled chaos experiments", Observations::continuousChaos))));

    public static Rung of(Observations seen) {
        int level = 0;
        for (Step step : LADDER) {
            List<String> missing = new ArrayList<>();
            for (Requirement requirement : step.requirements()) {
                if (!requirement.met().test(seen)) {
                    missing.add(requirement.missing());
                }
            }
            if (!missing.isEmpty()) {
                return new Rung(level, name(level), missing);
            }
            level++;
        }
        return new Rung(level, name(level), List.of());
    }

    private static String name(int level) {
        return level == 0 ? "nothing observed yet" : LADDER.get(level - 1).name();
    }
}
