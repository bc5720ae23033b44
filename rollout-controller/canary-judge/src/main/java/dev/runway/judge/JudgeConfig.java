package dev.runway.judge;

import java.util.HashSet;
import java.util.List;

/**
 * Settings of one judge.
 *
 * @param alpha bound on the probability that a canary which is not worse than every metric's tolerated
 *     degradation is ever failed, however often the verdict is read. Split evenly (Bonferroni) over the
 *     statistical metrics; absolute thresholds take none of it since they are not tests.
 * @param beta bound on the probability that a statistical metric PASSes early ("shown not worse")
 *     although the canary is worse by at least the tolerated degradation. Passing at the end of the bake
 *     time does not use it (see {@link CanaryJudge}).
 * @param nonCriticalFailuresTolerated how many non-critical metrics may fail before the verdict fails.
 */
public record JudgeConfig(double alpha, double beta, int nonCriticalFailuresTolerated, List<MetricSpec> metrics) {

    public JudgeConfig {
        if (!(alpha > 0 && alpha < 1) || !(beta > 0 && beta < 1)) {
            throw new IllegalArgumentException("alpha and beta must be in (0, 1)");
        }
        if (nonCriticalFailuresTolerated < 0) {
            throw new IllegalArgumentException("nonCriticalFailuresTolerated must be >= 0");
        }
        metrics = List.copyOf(metrics);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("at least one metric is required");
        }
        var names = new HashSet<String>();
        for (MetricSpec m : metrics) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("duplicate metric name: " + m.name());
            }
        }
    }

    /** alpha 1 %, beta 5 %, one non-critical failure tolerated, error ratio and latency (both critical). */
    public static JudgeConfig defaults() {
        return new JudgeConfig(0.01, 0.05, 1, List.of(MetricSpec.ErrorRatio.defaults(), MetricSpec.Latency.defaults()));
    }

    public JudgeConfig withMetrics(List<MetricSpec> newMetrics) {
        return new JudgeConfig(alpha, beta, nonCriticalFailuresTolerated, newMetrics);
    }

    /** Per-metric false-alarm budget: alpha over the number of statistical metrics. */
    double alphaPerStatisticalMetric() {
        long statistical = metrics.stream()
                .filter(m -> !(m instanceof MetricSpec.Threshold))
                .count();
        return statistical == 0 ? alpha : alpha / statistical;
    }
}
