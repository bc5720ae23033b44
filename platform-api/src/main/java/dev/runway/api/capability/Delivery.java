package dev.runway.api.capability;

import java.time.Instant;
import java.util.Objects;

/**
 * One rollout as the capability metrics see it.
 *
 * @param commitTime when the change was committed (null when CI did not say)
 * @param promotedAt when the new version became the stable one (null: it never reached everyone)
 * @param rollbackDecidedAt when a rollback was decided, by the analysis, an SLO burn or a person
 * @param rolledBackAt when the new version stopped taking traffic
 * @param analysisArmed whether the rollout ran automated analysis that rolls back by itself
 * @param canaryBudgetSpent share of the service's error budget the canary consumed (0.02 = 2 %); null when
 *     not measured
 */
public record Delivery(
        String service,
        String version,
        Instant commitTime,
        Instant startedAt,
        Instant promotedAt,
        Instant rollbackDecidedAt,
        Instant rolledBackAt,
        boolean analysisArmed,
        Double canaryBudgetSpent) {
    public Delivery {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(startedAt, "startedAt");
    }

    boolean promoted() {
        return promotedAt != null;
    }

    /** A regression that reached everyone: rolled back after promotion. */
    boolean failedInProduction() {
        return promotedAt != null && rolledBackAt != null && !rolledBackAt.isBefore(promotedAt);
    }

    /** A regression the canary caught: rolled back before it was promoted. */
    boolean caughtByCanary() {
        return rolledBackAt != null && (promotedAt == null || rolledBackAt.isBefore(promotedAt));
    }
}
