package dev.runway.rollouts.analysis;

import dev.runway.common.problem.FieldViolation;
import dev.runway.judge.JudgeConfig;
import dev.runway.judge.MetricSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A service's analysis settings; every field is optional and falls back to the judge's defaults.
 *
 * @param alpha bound on the false-rollback probability of a healthy canary, over the whole rollout step
 * @param errorRatioTolerance tolerated relative increase of the error odds (0.25: 0.50 % → 0.62 % is fine)
 * @param latencyTolerance tolerated relative increase of the odds of being slower than a baseline quantile
 * @param minSamples requests (and latency samples) needed per side before a metric may pass
 * @param thresholds absolute limits on the canary's business metrics
 */
public record AnalysisTemplate(
        Double alpha,
        Double errorRatioTolerance,
        Double latencyTolerance,
        Long minSamples,
        List<BusinessThreshold> thresholds) {

    /** {@code orders_per_minute AT_LEAST 10}; critical (default false) fails the verdict alone. */
    public record BusinessThreshold(String metric, MetricSpec.Bound bound, Double limit, Boolean critical) {
        public boolean isCritical() {
            return Boolean.TRUE.equals(critical);
        }
    }

    public AnalysisTemplate {
        thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    }

    public static AnalysisTemplate defaults() {
        return new AnalysisTemplate(null, null, null, null, List.of());
    }

    public List<FieldViolation> violations(String field) {
        List<FieldViolation> v = new ArrayList<>();
        if (alpha != null && !(alpha > 0 && alpha <= 0.2)) {
            v.add(new FieldViolation(field + ".alpha", "must be in (0, 0.2]"));
        }
        if (errorRatioTolerance != null && !(errorRatioTolerance >= 0 && errorRatioTolerance <= 10)) {
            v.add(new FieldViolation(field + ".errorRatioTolerance", "must be between 0 and 10"));
        }
        if (latencyTolerance != null && !(latencyTolerance >= 0 && latencyTolerance <= 10)) {
            v.add(new FieldViolation(field + ".latencyTolerance", "must be between 0 and 10"));
        }
        if (minSamples != null && minSamples < 1) {
            v.add(new FieldViolation(field + ".minSamples", "must be at least 1"));
        }
        for (int i = 0; i < thresholds.size(); i++) {
            BusinessThreshold t = thresholds.get(i);
            String at = field + ".thresholds[" + i + "]";
            if (t == null || t.metric() == null || t.metric().isBlank()) {
                v.add(new FieldViolation(at + ".metric", "is required"));
                continue;
            }
            if (t.metric().equals("error-ratio") || t.metric().equals("latency")) {
                v.add(new FieldViolation(at + ".metric", "'" + t.metric() + "' is a built-in metric name"));
            }
            if (t.bound() == null) {
                v.add(new FieldViolation(at + ".bound", "must be AT_LEAST or AT_MOST"));
            }
            if (t.limit() == null || !Double.isFinite(t.limit())) {
                v.add(new FieldViolation(at + ".limit", "must be a finite number"));
            }
        }
        return v;
    }

    /** The judge's settings with latency; call only on a template without violations. */
    public JudgeConfig toJudgeConfig() {
        return toJudgeConfig(true);
    }

    /**
     * The judge's settings; without latency data (a web source with no histogram) the latency metric is left
     * out rather than left forever inconclusive.
     */
    public JudgeConfig toJudgeConfig(boolean latency) {
        JudgeConfig base = JudgeConfig.defaults();
        MetricSpec.ErrorRatio er = MetricSpec.ErrorRatio.defaults();
        MetricSpec.Latency lat = MetricSpec.Latency.defaults();
        List<MetricSpec> metrics = new ArrayList<>();
        metrics.add(new MetricSpec.ErrorRatio(
                er.name(),
                er.critical(),
                errorRatioTolerance == null ? er.minRelativeIncrease() : errorRatioTolerance,
                er.minAbsoluteIncrease(),
                minSamples == null ? er.minSamples() : minSamples));
        if (latency) {
            metrics.add(new MetricSpec.Latency(
                    lat.name(),
                    lat.critical(),
                    lat.quantiles(),
                    latencyTolerance == null ? lat.minRelativeIncrease() : latencyTolerance,
                    minSamples == null ? lat.minSamples() : minSamples));
        }
        for (BusinessThreshold t : thresholds) {
            MetricSpec.Threshold spec = t.bound() == MetricSpec.Bound.AT_LEAST
                    ? MetricSpec.Threshold.atLeast(t.metric(), t.limit())
                    : MetricSpec.Threshold.atMost(t.metric(), t.limit());
            metrics.add(t.isCritical() ? spec.asCritical() : spec);
        }
        return new JudgeConfig(
                alpha == null ? base.alpha() : alpha, base.beta(), base.nonCriticalFailuresTolerated(), metrics);
    }
}
