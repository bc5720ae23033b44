package dev.runway.rollouts.machine;

import dev.runway.rollouts.strategy.Step;
import dev.runway.rollouts.strategy.Strategy;
import java.time.Instant;
import java.util.Optional;

/**
 * The part of a rollout the state machine decides on.
 *
 * @param stepIndex the current step (PROGRESSING/PAUSED); equal to the strategy's size once every step is done
 * @param stepStartedAt when the current step (or the current state, outside PROGRESSING) began: bakes and
 *     analysis extensions are measured from it, so a restarted controller continues the same clock
 * @param attempt 1 for the first run, +1 per retry
 * @param revertsPromotion true while a promoted release is being rolled back to the previous stable version
 * @param reason why the rollout is in its current state (the last transition's reason)
 */
public record Rollout(
        String id,
        String service,
        String version,
        Strategy strategy,
        RolloutState state,
        int stepIndex,
        Instant stepStartedAt,
        int attempt,
        boolean revertsPromotion,
        String reason) {

    public Optional<Step> currentStep() {
        return stepIndex < strategy.size() ? Optional.of(strategy.step(stepIndex)) : Optional.empty();
    }

    Rollout moveTo(RolloutState newState, int newStep, Instant now, String why) {
        return new Rollout(id, service, version, strategy, newState, newStep, now, attempt, revertsPromotion, why);
    }
}
