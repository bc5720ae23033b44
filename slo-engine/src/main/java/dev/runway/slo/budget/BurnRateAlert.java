package dev.runway.slo.budget;

import java.time.Duration;
import java.util.List;

/**
 * One multi-window burn-rate alert: it fires while the burn rate over both the long and the short window is
 * at least {@code burnRate}. The long window makes it significant, the short one makes it stop soon after
 * the burning does.
 *
 * <p>The threshold follows from the share of budget the alert is allowed to let burn over its long window:
 * {@code burnRate = budgetShare × sloWindow / longWindow}. For a 30-day SLO: 2 % in 1 h gives 14.4, 5 % in
 * 6 h gives 6, 10 % in 1 day gives 3 and 10 % in 3 days gives 1. For a 28-day SLO the same shares give
 * 13.44, 5.6, 2.8 and 0.93: the windows stay, the threshold scales with the SLO window.
 */
public record BurnRateAlert(
        Severity severity, double budgetShare, Duration longWindow, Duration shortWindow, double burnRate) {

    public enum Severity {
        /** Wakes someone up. */
        PAGE,
        /** Goes to the queue for working hours. */
        TICKET
    }

    /** The four alerts of the practice, their thresholds computed for the given SLO window. */
    public static List<BurnRateAlert> standardFor(Duration sloWindow) {
        return List.of(
                of(Severity.PAGE, 0.02, Duration.ofHours(1), Duration.ofMinutes(5), sloWindow),
                of(Severity.PAGE, 0.05, Duration.ofHours(6), Duration.ofMinutes(30), sloWindow),
                of(Severity.TICKET, 0.10, Duration.ofDays(1), Duration.ofHours(2), sloWindow),
                of(Severity.TICKET, 0.10, Duration.ofDays(3), Duration.ofHours(6), sloWindow));
    }

    static BurnRateAlert of(
            Severity severity, double budgetShare, Duration longWindow, Duration shortWindow, Duration sloWindow) {
        double burnRate = budgetShare * sloWindow.toMillis() / (double) longWindow.toMillis();
        return new BurnRateAlert(severity, budgetShare, longWindow, shortWindow, burnRate);
    }

    /** A stable label for notifications and dashboards: {@code page-1h-5m}. */
    public String label() {
        return severity.name().toLowerCase(java.util.Locale.ROOT) + "-" + compact(longWindow) + "-"
                + compact(shortWindow);
    }

    private static String compact(Duration duration) {
        if (duration.toDays() > 0 && duration.equals(Duration.ofDays(duration.toDays()))) {
            return duration.toDays() + "d";
        }
        if (duration.toHours() > 0 && duration.equals(Duration.ofHours(duration.toHours()))) {
            return duration.toHours() + "h";
        }
        return duration.toMinutes() + "m";
    }
}
