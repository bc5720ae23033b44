package dev.runway.slo.budget;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * An SLO's target over its window, and the budget arithmetic that follows from it.
 *
 * <p>Worked example: target 99.9 % over 30 days gives an error budget of 0.1 % of events. Over the window
 * 1,000,000 requests arrived and 400 failed: the error ratio is 0.04 %, budget consumed 0.4 (40 %), budget
 * remaining 0.6. An hour in which 1.44 % of requests fail burns at 14.4× (1.44 % / 0.1 %) and alone
 * consumes 14.4 × 1 h / 720 h = 2 % of the month's budget.
 *
 * @param target share of good events promised, strictly between 0 and 1 (0.999)
 * @param window the SLO window (28 days, 30 days ...)
 */
public record Objective(double target, Duration window) {
    public Objective {
        if (!(target > 0.0 && target < 1.0)) {
            throw new IllegalArgumentException("target must be strictly between 0 and 1, got " + target);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
    }

    /** The error budget as a share of events: {@code 1 - target}. */
    public double budget() {
        return 1.0 - target;
    }

    /** How many times faster than sustainable the budget burns: {@code errorRatio / (1 - target)}. */
    public OptionalDouble burnRate(EventCounts counts) {
        var ratio = counts.errorRatio();
        return ratio.isPresent() ? OptionalDouble.of(ratio.getAsDouble() / budget()) : OptionalDouble.empty();
    }

    /**
     * Share of the window's budget spent so far: {@code (bad / total) / (1 - target)} over the events of the
     * window, event-weighted. Above 1 the budget is overspent.
     */
    public OptionalDouble budgetConsumed(EventCounts window) {
        return burnRate(window);
    }

    /** {@code 1 - budgetConsumed}; negative when overspent, empty with no events. */
    public OptionalDouble budgetRemaining(EventCounts window) {
        var consumed = budgetConsumed(window);
        return consumed.isPresent() ? OptionalDouble.of(1.0 - consumed.getAsDouble()) : OptionalDouble.empty();
    }

    /**
     * Share of the whole window's budget that burning at {@code burnRate} for {@code duration} consumes:
     * {@code burnRate × duration / window}.
     */
    public double budgetSpentBy(double burnRate, Duration duration) {
        return burnRate * duration.toMillis() / (double) window.toMillis();
    }

    /**
     * How long until the budget is gone at the current burn rate:
     * {@code remaining × window / burnRate}. Empty when nothing is burning or nothing is known; zero when the
     * budget is already spent.
     */
    public java.util.Optional<Duration> timeToExhaustion(double budgetRemaining, double burnRate) {
        if (Double.isNaN(budgetRemaining) || Double.isNaN(burnRate) || burnRate <= 0) {
            return java.util.Optional.empty();
        }
        if (budgetRemaining <= 0) {
            return java.util.Optional.of(Duration.ZERO);
        }
        return java.util.Optional.of(Duration.ofMillis((long) (budgetRemaining * window.toMillis() / burnRate)));
    }
}
