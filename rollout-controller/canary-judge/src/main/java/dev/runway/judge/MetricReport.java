package dev.runway.judge;

import java.time.Instant;
import java.util.List;

/**
 * Everything the judge knows about one metric, so a console can show why it decided. Boxed numbers and
 * {@code harmEvidenceAt} are null when they do not apply (e.g. e-values for an absolute threshold).
 *
 * @param canaryEstimate error rate, latency p99 (ms) or the business metric's mean, per {@code kind}
 * @param effectSize canary-vs-baseline odds ratio of the metric's decisive test (threshold: the value
 *     over the limit)
 * @param eValue the metric's current e-value (latency: the mean over its quantile tests)
 * @param maxEValue the largest e-value reached; the metric fails once it reaches {@code failThreshold}
 * @param failThreshold 1 / (the metric's share of alpha)
 * @param notWorseEValue evidence that the canary is not worse than tolerated (latency: the weakest of
 *     its quantile tests, since all must show it)
 * @param passThreshold 1 / beta
 * @param harmEvidenceAt end of the bucket at which {@code maxEValue} first reached {@code failThreshold}
 */
public record MetricReport(
        String metric,
        MetricKind kind,
        boolean critical,
        Outcome outcome,
        long canarySamples,
        long baselineSamples,
        Double canaryEstimate,
        Double baselineEstimate,
        String estimateUnit,
        Double effectSize,
        Double toleratedEffect,
        Double eValue,
        Double maxEValue,
        Double failThreshold,
        Double notWorseEValue,
        Double passThreshold,
        Instant harmEvidenceAt,
        List<TestFigures> tests,
        String reason) {

    public MetricReport {
        tests = List.copyOf(tests);
    }
}
