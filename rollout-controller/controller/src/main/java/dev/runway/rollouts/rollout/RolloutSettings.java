package dev.runway.rollouts.rollout;

import dev.runway.rollouts.strategy.StrategyTiming;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The controller's settings ({@code runway.rollouts.*}).
 *
 * @param bake bake per traffic step of the built-in strategies (minutes in production, seconds in tests)
 * @param analysisExtension how long an inconclusive analysis may wait before the rollout pauses
 * @param breakGlassRoles roles allowed to start a rollout while the service's posture is FREEZE
 * @param minJustification shortest written justification a break-glass request may carry
 * @param readinessTimeout how long a new canary (or a promoted stable) may take to become available before the
 *     rollout gives up: a canary that never starts is FAILED without ever taking traffic
 */
@ConfigurationProperties("runway.rollouts")
public record RolloutSettings(
        Duration bake,
        Duration analysisExtension,
        List<String> breakGlassRoles,
        Integer minJustification,
        Duration readinessTimeout) {

    public RolloutSettings {
        bake = bake == null ? Duration.ofMinutes(5) : bake;
        analysisExtension = analysisExtension == null ? Duration.ofMinutes(10) : analysisExtension;
        breakGlassRoles = breakGlassRoles == null ? List.of("sre") : List.copyOf(breakGlassRoles);
        minJustification = minJustification == null ? 20 : minJustification;
        readinessTimeout = readinessTimeout == null ? Duration.ofMinutes(10) : readinessTimeout;
    }

    public StrategyTiming timing() {
        return new StrategyTiming(bake, analysisExtension);
    }
}
