package dev.runway.gateway.metrics.histogram;

import java.util.Arrays;

/**
 * The histogram's fixed upper bounds in milliseconds. {@code counts[i]} counts latencies in
 * {@code (bounds[i-1], bounds[i]]} (lower edge 0 for the first), and one extra overflow bucket counts
 * everything above the last bound, so an array of counts always has {@code bounds.length + 1} entries.
 *
 * <p>These values MUST match {@code dev.runway.judge.LatencyHistogram.DEFAULT_BOUNDS_MS} in the canary judge
 * (rollout-controller/canary-judge): the judge refuses to compare histograms over other bounds. They are
 * copied rather than shared because services never depend on each other's code; the store also keeps them
 * in {@code traffic.latency_bounds} so a reader can check.
 */
public final class LatencyBounds {
    private static final double[] BOUNDS_MS = {
        1, 2, 3, 5, 7, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70, 84, 100, 120, 145, 175, 210, 250, 300, 360, 430, 520,
        620, 750, 900, 1100, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 7500, 10000
    };

    /** Number of counts per histogram: one per bound plus the overflow bucket. */
    public static final int BUCKETS = BOUNDS_MS.length + 1;

    private LatencyBounds() {}

    public static double[] boundsMs() {
        return BOUNDS_MS.clone();
    }

    /**
     * Index of the bucket holding a latency given in nanoseconds: the first bound at or above it, else the
     * overflow bucket. Example: 4.2 ms lands in (3, 5], index 3; exactly 5 ms also lands there.
     */
    public static int bucketOfNanos(long nanos) {
        double ms = nanos / 1_000_000.0;
        int i = Arrays.binarySearch(BOUNDS_MS, ms);
        return i >= 0 ? i : -i - 1;
    }
}
