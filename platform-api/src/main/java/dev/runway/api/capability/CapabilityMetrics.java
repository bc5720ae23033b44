package dev.runway.api.capability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * DORA's four keys and the testing-in-production figures, from the rollouts of one window.
 *
 * <p>Worked example (the first row of the tests): over 2 days, three rollouts promoted with lead times 1 h,
 * 3 h and 2 h, one of them rolled back 30 min after promotion, one more rolled back by the canary before
 * promotion, analysis armed in 3 of 4: frequency 1.5/day, median lead time 2 h, change-failure rate 1/3,
 * time to restore 30 min, armed share 0.75, canary catch share 1/2.
 */
public final class CapabilityMetrics {
    private CapabilityMetrics() {}

    /**
     * @param deliveries rollouts started in the window
     * @param days the window's length, in days (frequency is per day)
     */
    public static CapabilityReport compute(List<Delivery> deliveries, double days) {
        if (days <= 0) {
            throw new IllegalArgumentException("the window must be longer than zero days");
        }
        List<Delivery> promoted = deliveries.stream().filter(Delivery::promoted).toList();
        List<Delivery> failed =
                deliveries.stream().filter(Delivery::failedInProduction).toList();
        int caught = (int) deliveries.stream().filter(Delivery::caughtByCanary).count();
        List<Double> budgets = deliveries.stream()
                .map(Delivery::canaryBudgetSpent)
                .filter(Objects::nonNull)
                .toList();
        return new CapabilityReport(
                deliveries.size(),
                promoted.size(),
                promoted.size() / days,
                median(promoted.stream()
                        .filter(d -> d.commitTime() != null)
                        .map(d -> between(d.commitTime(), d.promotedAt()))
                        .toList()),
                share(failed.size(), promoted.size()),
                median(failed.stream()
                        .map(d -> between(d.promotedAt(), d.rolledBackAt()))
                        .toList()),
                share((int) deliveries.stream().filter(Delivery::analysisArmed).count(), deliveries.size()),
                median(deliveries.stream()
                        .filter(d -> d.rollbackDecidedAt() != null && d.rolledBackAt() != null)
                        .map(d -> between(d.rollbackDecidedAt(), d.rolledBackAt()))
                        .toList()),
                caught,
                failed.size(),
                share(caught, caught + failed.size()),
                budgets.isEmpty()
                        ? null
                        : budgets.stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The middle value; for an even count, the mean of the two middle ones. Null for none. */
    static Duration median(List<Duration> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        if (sorted.size() % 2 == 1) {
            return sorted.get(middle);
        }
        return sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    private static Double share(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Duration between(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.isNegative() ? Duration.ZERO : d;
    }
}
