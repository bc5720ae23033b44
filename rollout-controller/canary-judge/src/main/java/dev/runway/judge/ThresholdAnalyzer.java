package dev.runway.judge;

import java.time.Instant;
import java.util.List;

/**
 * Absolute threshold on a canary business metric, e.g. {@code orders_per_minute >= 10}. No statistics:
 * the user states the limit.
 *
 * <p>Rule: FAIL when the newest {@code consecutiveViolationsToFail} values all violate the limit (once
 * failed it stays failed for the step, like the other metrics); PASS when at least
 * {@code minObservations} values were seen, their mean meets the limit and the newest value does too;
 * otherwise INCONCLUSIVE. Buckets without a value for the metric are skipped. Example with
 * {@code >= 10}, 3 to fail: values 12, 9, 8, 7 fail at the fourth; 12, 9, 11, 8 do not fail.
 */
final class ThresholdAnalyzer implements MetricAnalyzer {

    private final MetricSpec.Threshold spec;
    private long observations;
    private double sum;
    private double latest = Double.NaN;
    private int violationStreak;
    private Instant failedAt;

    ThresholdAnalyzer(MetricSpec.Threshold spec) {
        this.spec = spec;
    }

    @Override
    public void add(Observation o) {
        Double value = o.businessMetrics().get(spec.name());
        if (value == null || value.isNaN()) {
            return;
        }
        observations++;
        sum += value;
        latest = value;
        violationStreak = spec.isMet(value) ? 0 : violationStreak + 1;
        if (failedAt == null && violationStreak >= spec.consecutiveViolationsToFail()) {
            failedAt = o.end();
        }
    }

    @Override
    public MetricReport report(Phase phase) {
        Double mean = observations == 0 ? null : sum / observations;
        String rule = spec.name() + (spec.bound() == MetricSpec.Bound.AT_LEAST ? " >= " : " <= ") + spec.limit();
        Outcome outcome;
        String reason;
        if (failedAt != null) {
            outcome = Outcome.FAIL;
            reason = rule + " violated by " + spec.consecutiveViolationsToFail() + " consecutive values (latest "
                    + latest + ")";
        } else if (observations < spec.minObservations()) {
            outcome = Outcome.INCONCLUSIVE;
            reason = "too little data: " + observations + " of " + spec.minObservations() + " values for " + rule;
        } else if (spec.isMet(mean) && spec.isMet(latest)) {
            outcome = Outcome.PASS;
            reason = rule + " met: mean " + mean + " over " + observations + " values, latest " + latest;
        } else {
            outcome = Outcome.INCONCLUSIVE;
            reason = rule + " not clearly met: mean " + mean + ", latest " + latest + ", " + violationStreak
                    + " consecutive violations (fail at " + spec.consecutiveViolationsToFail() + ")";
        }
        return new MetricReport(
                spec.name(),
                MetricKind.THRESHOLD,
                spec.critical(),
                outcome,
                observations,
                0,
                mean,
                null,
                "mean value",
                mean == null ? null : mean - spec.limit(),
                spec.limit(),
                null,
                null,
                null,
                null,
                null,
                failedAt,
                List.of(),
                reason);
    }
}
