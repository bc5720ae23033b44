package dev.runway.judge;

import java.time.Instant;
import java.util.Map;

/**
 * One time bucket (at most a few seconds) of measurements for both versions, plus the canary's business
 * metrics (scalar values, e.g. {@code orders_per_minute}) sampled for that bucket.
 *
 * <p>The controller hands the judge these in time order; the judge's tests treat each bucket as one step
 * of a sequential test, which is what keeps them valid when the verdict is read after every bucket.
 */
public record Observation(
        Instant start, Instant end, VersionSample canary, VersionSample baseline, Map<String, Double> businessMetrics) {

    public Observation {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("bucket ends before it starts");
        }
        canary.latency().requireSameBounds(baseline.latency());
        businessMetrics = Map.copyOf(businessMetrics);
    }

    public Observation(Instant start, Instant end, VersionSample canary, VersionSample baseline) {
        this(start, end, canary, baseline, Map.of());
    }
}
