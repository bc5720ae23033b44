package dev.runway.api.capability;

import java.time.Duration;

/**
 * The figures for one window. A figure that has no data (a rate over zero deployments) is null, never NaN.
 *
 * @param deployments rollouts promoted in the window
 * @param deploymentsPerDay deployment frequency
 * @param medianLeadTime from commit to promotion
 * @param changeFailureRate share of promoted deployments rolled back after promotion
 * @param medianTimeToRestore for those: from promotion to rollback, i.e. how long the bad version served everyone
 * @param rollbackArmedShare share of rollouts started with automated analysis that rolls back by itself
 * @param medianDecisionToRollback from a rollback decision to the new version taking no traffic
 * @param caughtByCanary regressions rolled back before promotion
 * @param caughtAfterPromotion regressions rolled back after promotion
 * @param canaryCatchShare caughtByCanary / (caughtByCanary + caughtAfterPromotion)
 * @param budgetSpentOnTesting error budget consumed by canaries, summed (0.05 = 5 % of a budget)
 */
public record CapabilityReport(
        int rollouts,
        int deployments,
        double deploymentsPerDay,
        Duration medianLeadTime,
        Double changeFailureRate,
        Duration medianTimeToRestore,
        Double rollbackArmedShare,
        Duration medianDecisionToRollback,
        int caughtByCanary,
        int caughtAfterPromotion,
        Double canaryCatchShare,
        Double budgetSpentOnTesting) {}
