package dev.runway.gateway.metrics.histogram;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One version's outcome over a window, as the analysis reads it.
 *
 * @param errorRatio server errors / requests; 0 when there were no requests (never NaN)
 * @param latencyMs quantiles (p50, p90, p95, p99) in ms; absent when there were no requests
 * @param latencyCounts the raw counts over {@link LatencyBounds}, overflow last
 */
public record VersionSummary(
        long requests, long serverErrors, double errorRatio, Map<String, Double> latencyMs, long[] latencyCounts) {

    public static VersionSummary of(long requests, long serverErrors, long[] counts) {
        double ratio = requests == 0 ? 0 : (double) serverErrors / requests;
        Map<String, Double> quantiles = new LinkedHashMap<>();
        if (Histograms.total(counts) > 0) {
            double[] bounds = LatencyBounds.boundsMs();
            quantiles.put("p50", Histograms.quantileMs(bounds, counts, 0.50));
            quantiles.put("p90", Histograms.quantileMs(bounds, counts, 0.90));
            quantiles.put("p95", Histograms.quantileMs(bounds, counts, 0.95));
            quantiles.put("p99", Histograms.quantileMs(bounds, counts, 0.99));
        }
        return new VersionSummary(requests, serverErrors, ratio, quantiles, counts.clone());
    }
}
