package dev.runway.slo.budget;

/**
 * How an alert's stored state moves given a new decision: it fires once when burning starts, resolves once
 * when burning stops, and holds still when there is no data to judge by (a quiet night neither pages nor
 * clears a page).
 */
public enum AlertTransition {
    OPEN,
    RESOLVE,
    NONE;

    public static AlertTransition next(boolean firing, AlertDecision.State decision) {
        return switch (decision) {
            case FIRING -> firing ? NONE : OPEN;
            case OK -> firing ? RESOLVE : NONE;
            case NO_DATA -> NONE;
        };
    }
}
