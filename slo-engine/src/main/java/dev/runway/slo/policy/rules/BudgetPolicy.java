package dev.runway.slo.policy.rules;

import dev.runway.common.problem.FieldViolation;
import java.util.ArrayList;
import java.util.List;

/**
 * Thresholds on the share of error budget remaining (0..1) that set a service's posture.
 *
 * <p>With the defaults (aggressive above 0.50, normal above 0.25, freeze at or below 0.0): 0.80 remaining is
 * AGGRESSIVE, 0.40 is NORMAL, 0.10 is TIGHTEN and 0.0 (or an overspent, negative budget) is FREEZE.
 *
 * @param aggressiveAbove budget remaining above which the service is AGGRESSIVE
 * @param normalAbove budget remaining above which (up to aggressiveAbove) the service is NORMAL
 * @param freezeAtOrBelow budget remaining at or below which the service is frozen
 */
public record BudgetPolicy(double aggressiveAbove, double normalAbove, double freezeAtOrBelow) {
    public static final BudgetPolicy DEFAULT = new BudgetPolicy(0.50, 0.25, 0.0);

    /** Field-level reasons why these thresholds cannot be used; empty when they can. */
    public List<FieldViolation> violations() {
        List<FieldViolation> violations = new ArrayList<>();
        inUnitRange("aggressiveAbove", aggressiveAbove, violations);
        inUnitRange("normalAbove", normalAbove, violations);
        inUnitRange("freezeAtOrBelow", freezeAtOrBelow, violations);
        if (violations.isEmpty()) {
            if (normalAbove > aggressiveAbove) {
                violations.add(new FieldViolation(
                        "normalAbove", "must not be above aggressiveAbove (" + aggressiveAbove + ")"));
            }
            if (freezeAtOrBelow >= normalAbove) {
                violations.add(
                        new FieldViolation("freezeAtOrBelow", "must be below normalAbove (" + normalAbove + ")"));
            }
        }
        return violations;
    }

    /**
     * The posture for a budget remaining. An unknown budget (no SLO yet, or no traffic to judge) is NORMAL:
     * the absence of evidence neither earns extra risk nor justifies a freeze.
     */
    public Posture postureFor(Double budgetRemaining) {
        if (budgetRemaining == null || budgetRemaining.isNaN()) {
            return Posture.NORMAL;
        }
        if (budgetRemaining <= freezeAtOrBelow) {
            return Posture.FREEZE;
        }
        if (budgetRemaining > aggressiveAbove) {
            return Posture.AGGRESSIVE;
        }
        if (budgetRemaining > normalAbove) {
            return Posture.NORMAL;
        }
        return Posture.TIGHTEN;
    }

    private static void inUnitRange(String field, double value, List<FieldViolation> violations) {
        if (Double.isNaN(value) || value < 0.0 || value > 1.0) {
            violations.add(new FieldViolation(field, "must be a share of budget between 0 and 1"));
        }
    }
}
