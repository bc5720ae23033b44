package dev.runway.slo.budget;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Everything one evaluation concluded about one SLO: the budget over its window and each alert's decision.
 *
 * @param budgetRemaining empty when the window saw no events
 */
public record SloStatus(
        String slo,
        String service,
        EventCounts window,
        OptionalDouble errorRatio,
        OptionalDouble budgetRemaining,
        Optional<Duration> timeToExhaustion,
        List<AlertDecision> alerts) {

    /**
     * Evaluates one SLO from the event counts of its window and of each alert's two windows.
     *
     * @param counts events per window length; every window the alerts name must be present
     * @param disabled alert labels switched off for this SLO
     */
    public static SloStatus evaluate(
            String slo,
            String service,
            Objective objective,
            Map<Duration, EventCounts> counts,
            EventCounts window,
            Set<String> disabled,
            long minimumEvents) {
        OptionalDouble remaining = objective.budgetRemaining(window);
        List<AlertDecision> decisions = BurnRateAlert.standardFor(objective.window()).stream()
                .filter(alert -> !disabled.contains(alert.label()))
                .map(alert -> AlertDecision.decide(
                        alert,
                        objective,
                        counts.getOrDefault(alert.longWindow(), EventCounts.NONE),
                        counts.getOrDefault(alert.shortWindow(), EventCounts.NONE),
                        minimumEvents))
                .toList();
        Optional<Duration> exhaustion = Optional.empty();
        OptionalDouble hourly = objective.burnRate(counts.getOrDefault(Duration.ofHours(1), EventCounts.NONE));
        if (remaining.isPresent() && hourly.isPresent()) {
            exhaustion = objective.timeToExhaustion(remaining.getAsDouble(), hourly.getAsDouble());
        }
        return new SloStatus(slo, service, window, window.errorRatio(), remaining, exhaustion, decisions);
    }

    /** Every window length the standard alerts read, for a source to fetch in one go. */
    public static Set<Duration> alertWindows(Duration sloWindow) {
        return BurnRateAlert.standardFor(sloWindow).stream()
                .flatMap(alert -> java.util.stream.Stream.of(alert.longWindow(), alert.shortWindow()))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }
}
