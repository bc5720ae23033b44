package dev.runway.judge;

import java.util.List;

/**
 * What to judge, one entry per metric. A closed set: the judge switches over it exhaustively.
 *
 * <p>{@code critical}: a critical metric that fails fails the whole verdict on its own; non-critical
 * failures are counted against {@link JudgeConfig#nonCriticalFailuresTolerated()}.
 */
public sealed interface MetricSpec permits MetricSpec.ErrorRatio, MetricSpec.Latency, MetricSpec.Threshold {

    String name();

    boolean critical();

    /**
     * Canary server-error ratio against the baseline's.
     *
     * @param minRelativeIncrease harm starts above this relative increase of the error odds (≈ rate for
     *     rare errors): 0.25 tolerates 0.50 % → 0.62 %. The null hypothesis of the sequential test.
     * @param minAbsoluteIncrease additionally, a failure needs the canary's observed error rate to exceed
     *     the baseline's by at least this much (0.001 = 0.1 percentage point); 0 disables it. A filter for
     *     practical significance: it can only remove failures, so the false-alarm bound still holds.
     * @param minSamples requests needed on each side before the metric may PASS.
     */
    record ErrorRatio(
            String name, boolean critical, double minRelativeIncrease, double minAbsoluteIncrease, long minSamples)
            implements MetricSpec {
        public ErrorRatio {
            requireName(name);
            if (!(minRelativeIncrease >= 0) || !(minAbsoluteIncrease >= 0) || minSamples < 1) {
                throw new IllegalArgumentException("error-ratio settings must be non-negative, minSamples >= 1");
            }
        }

        /** Critical, 25 % relative increase tolerated, no absolute floor, 500 requests per side to pass. */
        public static ErrorRatio defaults() {
            return new ErrorRatio("error-ratio", true, 0.25, 0.0, 500);
        }
    }

    /**
     * Canary latency against the baseline's, over the shared histogram bounds.
     *
     * @param quantiles baseline quantiles whose bucket bounds are watched (default 0.5, 0.9, 0.99): the
     *     test asks whether more canary requests than baseline requests are slower than each bound.
     * @param minRelativeIncrease tolerated relative increase of the odds of being slower than a bound
     *     (0.25: at the p99 bound, 1.0 % of baseline requests vs up to ≈1.25 % of canary requests).
     * @param minSamples latency samples needed on each side before the metric may PASS.
     */
    record Latency(String name, boolean critical, List<Double> quantiles, double minRelativeIncrease, long minSamples)
            implements MetricSpec {
        public Latency {
            requireName(name);
            quantiles = List.copyOf(quantiles);
            if (quantiles.isEmpty() || quantiles.stream().anyMatch(q -> !(q > 0 && q < 1))) {
                throw new IllegalArgumentException("quantiles must be in (0, 1) and not empty");
            }
            if (!(minRelativeIncrease >= 0) || minSamples < 1) {
                throw new IllegalArgumentException("latency settings must be non-negative, minSamples >= 1");
            }
        }

        /** Critical, p50/p90/p99 bounds, 25 % tolerated increase of exceedance odds, 500 samples per side. */
        public static Latency defaults() {
            return new Latency("latency", true, List.of(0.5, 0.9, 0.99), 0.25, 500);
        }
    }

    /**
     * An absolute threshold on a canary business metric (no baseline comparison), e.g. "orders_per_minute
     * at least 10".
     *
     * @param minObservations values needed before the metric may PASS.
     * @param consecutiveViolationsToFail the newest this-many values must all violate the threshold to
     *     FAIL, so one noisy sample does not roll a release back.
     */
    record Threshold(
            String name,
            boolean critical,
            Bound bound,
            double limit,
            int minObservations,
            int consecutiveViolationsToFail)
            implements MetricSpec {
        public Threshold {
            requireName(name);
            if (minObservations < 1 || consecutiveViolationsToFail < 1 || !Double.isFinite(limit)) {
                throw new IllegalArgumentException("threshold needs a finite limit and counts >= 1");
            }
        }

        public static Threshold atLeast(String name, double limit) {
            return new Threshold(name, false, Bound.AT_LEAST, limit, 6, 3);
        }

        public static Threshold atMost(String name, double limit) {
            return new Threshold(name, false, Bound.AT_MOST, limit, 6, 3);
        }

        public Threshold asCritical() {
            return new Threshold(name, true, bound, limit, minObservations, consecutiveViolationsToFail);
        }

        boolean isMet(double value) {
            return switch (bound) {
                case AT_LEAST -> value >= limit;
                case AT_MOST -> value <= limit;
            };
        }
    }

    enum Bound {
        AT_LEAST,
        AT_MOST
    }

    private static void requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("metric name is required");
        }
    }
}
