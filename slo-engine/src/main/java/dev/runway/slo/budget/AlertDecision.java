package dev.runway.slo.budget;

import java.util.OptionalDouble;

/**
 * What one alert rule concluded over its two windows, with the figures that led there.
 *
 * <p>{@code NO_DATA} is a state of its own: without enough events neither firing nor resolving is honest, so
 * an alert that was firing stays as it is and one that was not does not start.
 */
public record AlertDecision(
        BurnRateAlert alert,
        State state,
        OptionalDouble longBurnRate,
        OptionalDouble shortBurnRate,
        long longWindowEvents,
        String reason) {

    public enum State {
        FIRING,
        OK,
        NO_DATA
    }

    /**
     * Decides one alert.
     *
     * @param minimumEvents fewer events than this in the long window gives NO_DATA: on a quiet service two
     *     failures out of three requests are a 67 % error ratio and no reason to page anyone
     */
    /**
     * At the threshold counts as reached. 1.44 % over a 0.1 % budget is 14.4 on paper but 14.3999… in binary
     * floating point, so the comparison allows a relative error far below any meaningful difference.
     */
    static boolean atLeast(double value, double threshold) {
        return value >= threshold * (1 - 1e-9);
    }

    public static AlertDecision decide(
            BurnRateAlert alert,
            Objective objective,
            EventCounts longWindow,
            EventCounts shortWindow,
            long minimumEvents) {
        OptionalDouble longRate = objective.burnRate(longWindow);
        OptionalDouble shortRate = objective.burnRate(shortWindow);
        if (longWindow.total() < Math.max(1, minimumEvents) || shortRate.isEmpty()) {
            return new AlertDecision(
                    alert,
                    State.NO_DATA,
                    longRate,
                    shortRate,
                    longWindow.total(),
                    String.format(
                            java.util.Locale.ROOT,
                            "%d events in %s (minimum %d) and %d in %s: not enough to judge",
                            longWindow.total(),
                            alert.longWindow(),
                            minimumEvents,
                            shortWindow.total(),
                            alert.shortWindow()));
        }
        boolean firing =
                atLeast(longRate.getAsDouble(), alert.burnRate()) && atLeast(shortRate.getAsDouble(), alert.burnRate());
        return new AlertDecision(
                alert,
                firing ? State.FIRING : State.OK,
                longRate,
                shortRate,
                longWindow.total(),
                String.format(
                        java.util.Locale.ROOT,
                        "burn rate %.2f over %s and %.2f over %s against %.2f",
                        longRate.getAsDouble(),
                        alert.longWindow(),
                        shortRate.getAsDouble(),
                        alert.shortWindow(),
                        alert.burnRate()));
    }
}
