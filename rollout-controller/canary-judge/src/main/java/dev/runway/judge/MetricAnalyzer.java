package dev.runway.judge;

/** Accumulates one metric's evidence bucket by bucket and reports on it. One per metric spec. */
sealed interface MetricAnalyzer permits ErrorRatioAnalyzer, LatencyAnalyzer, ThresholdAnalyzer {

    void add(Observation observation);

    MetricReport report(Phase phase);

    static MetricAnalyzer of(MetricSpec spec, JudgeConfig config) {
        double alpha = config.alphaPerStatisticalMetric();
        return switch (spec) {
            case MetricSpec.ErrorRatio e -> new ErrorRatioAnalyzer(e, alpha, config.beta());
            case MetricSpec.Latency l -> new LatencyAnalyzer(l, alpha, config.beta());
            case MetricSpec.Threshold t -> new ThresholdAnalyzer(t);
        };
    }
}
