package dev.runway.rollouts.rollout;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.runway.rollouts.machine.Rollout;
import dev.runway.rollouts.strategy.Step;
import java.time.Instant;
import java.util.List;

/** Response bodies of the rollout API. */
final class RolloutViews {
    private RolloutViews() {}

    /**
     * @param step the current step's description (null past the last step)
     * @param lastReport the judge's newest report with every per-metric figure
     * @param transitions every transition with its reason (only on GET of one rollout)
     */
    record RolloutView(
            String id,
            String service,
            String version,
            String artifact,
            String commitSha,
            Instant commitTime,
            String canaryUpstream,
            String previousVersion,
            String posture,
            String state,
            int stepIndex,
            String step,
            Instant stepStartedAt,
            int attempt,
            String reason,
            RolloutStore.StoredStrategy strategy,
            @JsonRawValue String lastReport,
            int consecutiveFailures,
            String lastError,
            Instant createdAt,
            Instant updatedAt,
            List<TransitionView> transitions) {}

    record TransitionView(
            Instant at,
            String actor,
            String from,
            String to,
            int stepIndex,
            int attempt,
            String decision,
            String reason,
            @JsonRawValue String failedMetrics,
            @JsonRawValue String report) {}

    static RolloutView of(RolloutRecord r, List<TransitionView> transitions) {
        Rollout ro = r.rollout();
        return new RolloutView(
                ro.id(),
                ro.service(),
                ro.version(),
                r.artifact(),
                r.commitSha(),
                r.commitTime(),
                r.canaryUpstream(),
                r.previousVersion(),
                r.posture(),
                ro.state().name(),
                ro.stepIndex(),
                ro.currentStep().map(Step::describe).orElse(null),
                ro.stepStartedAt(),
                ro.attempt(),
                ro.reason(),
                RolloutStore.stored(ro.strategy()),
                r.lastReport(),
                r.consecutiveFailures(),
                r.lastError(),
                r.createdAt(),
                r.updatedAt(),
                transitions);
    }

    static String rawJson(String text) {
        return text;
    }
}
