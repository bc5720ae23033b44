package dev.runway.judge.sim;

import dev.runway.judge.LatencyHistogram;
import java.time.Duration;

/**
 * The traffic a simulated step sees: Poisson arrivals at {@code totalRps}, a share {@code canaryWeight} to
 * the canary and the rest to the baseline, baseline errors at {@code baselineErrorRate} and log-normal
 * baseline latency ({@code medianMs}, log-sd {@code sigma}), binned into {@code boundsMs} every
 * {@code bucket}.
 */
public record TrafficProfile(
        double totalRps,
        double canaryWeight,
        Duration bucket,
        Duration step,
        double baselineErrorRate,
        double medianMs,
        double sigma,
        double[] boundsMs) {

    public TrafficProfile {
        if (!(totalRps > 0) || !(canaryWeight > 0 && canaryWeight < 1) || !(baselineErrorRate >= 0)) {
            throw new IllegalArgumentException("need totalRps > 0, 0 < canaryWeight < 1, errors >= 0");
        }
        if (bucket.isZero() || bucket.isNegative() || step.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("bucket must be positive and no longer than the step");
        }
        boundsMs = boundsMs.clone();
    }

    /**
     * The benchmark's setting: 200 req/s, canary 5 %, 5 s buckets, a 10-minute step, 0.5 % baseline
     * errors, latency log-normal with median 100 ms and log-sd 0.5 (p90 ≈ 190 ms, p99 ≈ 320 ms).
     */
    public static TrafficProfile benchmark() {
        return new TrafficProfile(
                200,
                0.05,
                Duration.ofSeconds(5),
                Duration.ofMinutes(10),
                0.005,
                100,
                0.5,
                LatencyHistogram.DEFAULT_BOUNDS_MS);
    }

    public TrafficProfile withStep(Duration newStep) {
        return new TrafficProfile(
                totalRps, canaryWeight, bucket, newStep, baselineErrorRate, medianMs, sigma, boundsMs);
    }

    @Override
    public double[] boundsMs() {
        return boundsMs.clone();
    }

    public int buckets() {
        return (int) (step.toMillis() / bucket.toMillis());
    }
}
