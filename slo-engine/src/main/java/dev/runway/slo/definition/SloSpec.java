package dev.runway.slo.definition;

import dev.runway.common.problem.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One SLO as the user defines it. Fields the engine does not compute with (display names, the indicator's
 * own name, a calendar start) are kept anyway, so that an OpenSLO document comes back out as it went in.
 *
 * @param window {@code 7d}, {@code 28d} or {@code 30d} rolling, or {@code 1M} for a calendar month
 * @param timeSliceTarget with TIMESLICES budgeting: the share of good events that makes a slice good
 * @param timeSliceWindow with TIMESLICES budgeting: the slice length, {@code 1m} or {@code 5m}
 * @param disabledAlerts alert labels switched off for this SLO ({@code ticket-3d-6h} …)
 * @param minimumEvents below this many events in an alert's long window the alert has no data, not a page
 */
public record SloSpec(
        String name,
        String displayName,
        String service,
        String description,
        String indicatorName,
        Indicator indicator,
        Double target,
        String objectiveName,
        String window,
        String calendarStart,
        String calendarTimeZone,
        Budgeting budgeting,
        Double timeSliceTarget,
        String timeSliceWindow,
        Set<String> disabledAlerts,
        Long minimumEvents) {

    public enum Budgeting {
        OCCURRENCES,
        TIMESLICES
    }

    /** The window as a duration; a calendar month counts as 30 days for burn-rate thresholds. */
    public java.time.Duration windowDuration() {
        return switch (window) {
            case "7d" -> java.time.Duration.ofDays(7);
            case "28d" -> java.time.Duration.ofDays(28);
            case "1M" -> java.time.Duration.ofDays(30);
            default -> java.time.Duration.ofDays(30);
        };
    }

    static final Set<String> WINDOWS = Set.of("7d", "28d", "30d", "1M");
    static final Set<String> SLICES = Set.of("1m", "5m");
    static final Set<String> ALERT_LABELS = Set.of("page-1h-5m", "page-6h-30m", "ticket-1d-2h", "ticket-3d-6h");
    static final String SLUG = "[a-z][a-z0-9-]{1,62}";

    public SloSpec {
        budgeting = budgeting == null ? Budgeting.OCCURRENCES : budgeting;
        disabledAlerts = disabledAlerts == null ? Set.of() : Set.copyOf(disabledAlerts);
        minimumEvents = minimumEvents == null ? 100L : minimumEvents;
    }

    public List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        if (name == null || !name.matches(SLUG)) {
            violations.add(new FieldViolation(
                    "name", "must be 2-63 lowercase letters, digits or '-', starting with a letter"));
        }
        if (service == null || !service.matches(SLUG)) {
            violations.add(new FieldViolation("service", "must name a service: lowercase letters, digits or '-'"));
        }
        if (target == null || !(target > 0 && target < 1)) {
            violations.add(new FieldViolation("target", "must be a share strictly between 0 and 1, such as 0.999"));
        }
        if (window == null || !WINDOWS.contains(window)) {
            violations.add(
                    new FieldViolation("window", "must be one of 7d, 28d, 30d (rolling) or 1M (calendar month)"));
        }
        if ("1M".equals(window) && calendarTimeZone != null && !"UTC".equals(calendarTimeZone)) {
            violations.add(new FieldViolation("calendarTimeZone", "only UTC calendar months are supported"));
        }
        if (budgeting == Budgeting.TIMESLICES) {
            if (timeSliceTarget == null || !(timeSliceTarget > 0 && timeSliceTarget <= 1)) {
                violations.add(new FieldViolation(
                        "timeSliceTarget", "is required with TIMESLICES budgeting: a share in (0, 1]"));
            }
            if (timeSliceWindow == null || !SLICES.contains(timeSliceWindow)) {
                violations.add(
                        new FieldViolation("timeSliceWindow", "is required with TIMESLICES budgeting: 1m or 5m"));
            }
        } else if (timeSliceTarget != null || timeSliceWindow != null) {
            violations.add(new FieldViolation("budgeting", "time slices are set but budgeting is OCCURRENCES"));
        }
        for (String label : disabledAlerts) {
            if (!ALERT_LABELS.contains(label)) {
                violations.add(new FieldViolation(
                        "disabledAlerts",
                        "unknown alert '" + label + "', expected one of "
                                + ALERT_LABELS.stream().sorted().toList()));
            }
        }
        if (minimumEvents < 0) {
            violations.add(new FieldViolation("minimumEvents", "must not be negative"));
        }
        indicatorViolations(violations);
        return violations;
    }

    private void indicatorViolations(List<FieldViolation> violations) {
        switch (indicator) {
            case null -> violations.add(new FieldViolation("indicator", "is required"));
            case Indicator.GatewayAvailability availability ->
                requireSlug("indicator.route", availability.route(), violations);
            case Indicator.GatewayLatency latency -> {
                requireSlug("indicator.route", latency.route(), violations);
                if (latency.thresholdMs() == null || !(latency.thresholdMs() > 0)) {
                    violations.add(
                            new FieldViolation("indicator.thresholdMs", "must be a positive number of milliseconds"));
                }
            }
            case Indicator.Probe probe -> requireSlug("indicator.probe", probe.probe(), violations);
            case Indicator.PrometheusRatio ratio -> {
                if ((ratio.good() == null) == (ratio.bad() == null)) {
                    violations.add(new FieldViolation("indicator.good", "give exactly one of good and bad"));
                }
                if (ratio.total() == null || ratio.total().isBlank()) {
                    violations.add(new FieldViolation("indicator.total", "is required"));
                }
            }
        }
    }

    private static void requireSlug(String field, String value, List<FieldViolation> violations) {
        if (value == null || !value.matches("[a-z][a-z0-9-]{0,62}")) {
            violations.add(new FieldViolation(field, "must name a gateway route"));
        }
    }
}
