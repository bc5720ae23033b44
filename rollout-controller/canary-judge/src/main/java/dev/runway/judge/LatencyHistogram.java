package dev.runway.judge;

import java.util.Arrays;

/**
 * Latency of one version in one time bucket, as counts over fixed upper bounds shared by canary and
 * baseline (the gateway's histogram, Prometheus style but not cumulative).
 *
 * <p>{@code counts[i]} counts requests with latency in {@code (upperBoundsMs[i-1], upperBoundsMs[i]]}
 * (lower edge 0 for {@code i = 0}); {@code counts[upperBoundsMs.length]} is the overflow bucket above
 * the last bound. Example with bounds {@code [50, 100, 200]} and latencies 30, 70, 90, 150, 900 ms:
 * counts {@code [1, 2, 1, 1]}.
 *
 * <p>The judge never needs raw latencies: every latency test it runs asks "how many requests were
 * slower than bound b", which these counts answer exactly for any bound in the shared set. That is why
 * the bounds must be the same on both sides; mixing histograms with other bounds is rejected.
 *
 * <p>Arrays make the record cheap to build in the gateway's hot path; equality and hashing are by
 * content, and the accessors return copies so a report can never be changed after the fact.
 */
public record LatencyHistogram(double[] upperBoundsMs, long[] counts) {

    /**
     * Default bounds (ms) for the gateway: about 20 % apart from 5 ms to 2 s, so a quantile lands in a
     * bucket at most ~20 % wide in the range where web latencies live, and coarser outside it.
     */
    public static final double[] DEFAULT_BOUNDS_MS = {
        1, 2, 3, 5, 7, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70, 84, 100, 120, 145, 175, 210, 250, 300, 360, 430, 520,
        620, 750, 900, 1100, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 7500, 10000
    };

    public LatencyHistogram {
        if (upperBoundsMs.length == 0) {
            throw new IllegalArgumentException("a histogram needs at least one bound");
        }
        if (counts.length != upperBoundsMs.length + 1) {
            throw new IllegalArgumentException("counts must have one entry per bound plus the overflow bucket: "
                    + counts.length + " counts for " + upperBoundsMs.length + " bounds");
        }
        for (int i = 0; i < upperBoundsMs.length; i++) {
            if (!(upperBoundsMs[i] > 0) || (i > 0 && !(upperBoundsMs[i] > upperBoundsMs[i - 1]))) {
                throw new IllegalArgumentException("bounds must be positive and strictly increasing");
            }
        }
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts must not be negative");
            }
        }
        upperBoundsMs = upperBoundsMs.clone();
        counts = counts.clone();
    }

    /** An empty histogram over the given bounds. */
    public static LatencyHistogram empty(double[] upperBoundsMs) {
        return new LatencyHistogram(upperBoundsMs, new long[upperBoundsMs.length + 1]);
    }

    /** Bins raw latencies; meant for tests and hand-made examples. */
    public static LatencyHistogram of(double[] upperBoundsMs, double... latenciesMs) {
        long[] counts = new long[upperBoundsMs.length + 1];
        for (double latency : latenciesMs) {
            counts[bucketOf(upperBoundsMs, latency)]++;
        }
        return new LatencyHistogram(upperBoundsMs, counts);
    }

    /** Index of the bucket holding {@code latencyMs}: the first bound {@code >= latencyMs}, else overflow. */
    public static int bucketOf(double[] upperBoundsMs, double latencyMs) {
        int i = Arrays.binarySearch(upperBoundsMs, latencyMs);
        return i >= 0 ? i : -i - 1;
    }

    @Override
    public double[] upperBoundsMs() {
        return upperBoundsMs.clone();
    }

    @Override
    public long[] counts() {
        return counts.clone();
    }

    /** Number of buckets including the overflow bucket. */
    public int bucketCount() {
        return counts.length;
    }

    public long count(int bucket) {
        return counts[bucket];
    }

    public double upperBoundMs(int boundIndex) {
        return upperBoundsMs[boundIndex];
    }

    public int boundCount() {
        return upperBoundsMs.length;
    }

    public long total() {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Requests strictly slower than bound {@code boundIndex}: everything in the buckets above it. */
    public long countAbove(int boundIndex) {
        long above = 0;
        for (int i = boundIndex + 1; i < counts.length; i++) {
            above += counts[i];
        }
        return above;
    }

    public boolean hasSameBounds(LatencyHistogram other) {
        return Arrays.equals(upperBoundsMs, other.upperBoundsMs);
    }

    /** Bucket-wise sum; both histograms must share their bounds. */
    public LatencyHistogram plus(LatencyHistogram other) {
        requireSameBounds(other);
        long[] sum = counts.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += other.counts[i];
        }
        return new LatencyHistogram(upperBoundsMs, sum);
    }

    void requireSameBounds(LatencyHistogram other) {
        if (!hasSameBounds(other)) {
            throw new IllegalArgumentException("histograms with different bounds cannot be compared or added");
        }
    }

    /**
     * Smallest bound index whose cumulative share reaches {@code q}, or -1 when the q-quantile lies in the
     * overflow bucket or the histogram is empty. Example: bounds [50, 100, 200], counts [1, 2, 1, 1]:
     * q = 0.5 needs 2.5 of 5 requests, reached at bound 100 (3 of 5), so the answer is index 1.
     */
    public int quantileBoundIndex(double q) {
        long total = total();
        if (total == 0) {
            return -1;
        }
        double needed = q * total;
        long cumulative = 0;
        for (int i = 0; i < upperBoundsMs.length; i++) {
            cumulative += counts[i];
            if (cumulative >= needed) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Quantile estimate with linear interpolation inside the bucket, the rule Prometheus's
     * {@code histogram_quantile} uses (lower edge 0 for the first bucket; a quantile in the overflow
     * bucket is reported as the last bound). NaN when empty. Example: bounds [50, 100, 200], counts
     * [1, 2, 1, 1], q = 0.5: rank 2.5 falls in (50, 100] after 1 request, 1.5 of 2 into it: 87.5 ms.
     */
    public double quantileMs(double q) {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long cumulative = 0;
        for (int i = 0; i < upperBoundsMs.length; i++) {
            long before = cumulative;
            cumulative += counts[i];
            if (cumulative >= rank && counts[i] > 0) {
                double lower = i == 0 ? 0 : upperBoundsMs[i - 1];
                return lower + (upperBoundsMs[i] - lower) * (rank - before) / counts[i];
            }
        }
        return upperBoundsMs[upperBoundsMs.length - 1];
    }

    /** Mean latency, each request counted at its bucket's midpoint (overflow at the last bound). */
    public double meanMs() {
        long total = total();
        if (total == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < counts.length; i++) {
            double lower = i == 0 ? 0 : upperBoundsMs[i - 1];
            double mid = i < upperBoundsMs.length ? (lower + upperBoundsMs[i]) / 2 : lower;
            sum += mid * counts[i];
        }
        return sum / total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyHistogram other
                && Arrays.equals(upperBoundsMs, other.upperBoundsMs)
                && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(upperBoundsMs) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "LatencyHistogram[upperBoundsMs=" + Arrays.toString(upperBoundsMs) + ", counts="
                + Arrays.toString(counts) + "]";
    }
}
