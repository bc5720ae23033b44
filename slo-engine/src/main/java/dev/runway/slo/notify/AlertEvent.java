package dev.runway.slo.notify;

import dev.runway.slo.budget.AlertDecision;
import dev.runway.slo.budget.AlertTransition;
import java.time.Instant;
import java.util.Locale;

/**
 * An alert that started or stopped firing, as notifications carry it.
 *
 * @param tier the stable tier label receivers route on: {@code page} or {@code ticket}
 * @param alert the alert's stable label ({@code page-1h-5m})
 * @param state {@code firing} or {@code resolved}
 */
public record AlertEvent(
        String slo, String service, String tier, String alert, String state, String reason, Instant at) {
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public static AlertEvent of(
            String slo, String service, AlertDecision decision, AlertTransition transition, Instant at) {
        if (transition == AlertTransition.NONE) {
            throw new IllegalArgumentException("nothing happened to notify about");
        }
        return new AlertEvent(
                slo,
                service,
                decision.alert().severity().name().toLowerCase(Locale.ROOT),
                decision.alert().label(),
                transition == AlertTransition.OPEN ? FIRING : RESOLVED,
                decision.reason(),
                at);
    }

    public boolean firing() {
        return FIRING.equals(state);
    }
}
