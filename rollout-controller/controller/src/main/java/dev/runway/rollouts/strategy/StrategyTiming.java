package dev.runway.rollouts.strategy;

import java.time.Duration;

/**
 * The durations the built-in strategies use: the bake per traffic step and how long an inconclusive
 * analysis may be extended before it pauses. Configured per deployment (minutes in production, seconds
 * in tests).
 */
public record StrategyTiming(Duration bake, Duration analysisExtension) {
    public StrategyTiming {
        if (bake == null || bake.isNegative() || bake.isZero()) {
            throw new IllegalArgumentException("bake must be positive");
        }
        if (analysisExtension == null || analysisExtension.isNegative()) {
            throw new IllegalArgumentException("analysisExtension must not be negative");
        }
    }

    public static StrategyTiming production() {
        return new StrategyTiming(Duration.ofMinutes(5), Duration.ofMinutes(10));
    }
}
