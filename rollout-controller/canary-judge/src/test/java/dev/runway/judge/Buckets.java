package dev.runway.judge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Tiny factories for hand-made buckets. */
final class Buckets {

    static final double[] BOUNDS = {50, 100, 200, 400, 800};
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Duration BUCKET = Duration.ofSeconds(5);

    private Buckets() {}

    static Instant end(int i) {
        return T0.plus(BUCKET.multipliedBy(i + 1));
    }

    /** Bucket i with request and error counts; latency: every request in the (50, 100] ms bucket. */
    static Observation errors(
            int i, long canaryRequests, long canaryErrors, long baselineRequests, long baselineErrors) {
        return new Observation(
                T0.plus(BUCKET.multipliedBy(i)),
                end(i),
                new VersionSample(canaryRequests, canaryErrors, sameLatency(canaryRequests)),
                new VersionSample(baselineRequests, baselineErrors, sameLatency(baselineRequests)));
    }

    /** Bucket i with latency histograms given as counts over {@link #BOUNDS} (+ overflow), no errors. */
    static Observation latency(int i, long[] canaryCounts, long[] baselineCounts) {
        var canary = new LatencyHistogram(BOUNDS, canaryCounts);
        var baseline = new LatencyHistogram(BOUNDS, baselineCounts);
        return new Observation(
                T0.plus(BUCKET.multipliedBy(i)),
                end(i),
                new VersionSample(canary.total(), 0, canary),
                new VersionSample(baseline.total(), 0, baseline));
    }

    static Observation withBusinessMetric(Observation o, String name, double value) {
        return new Observation(o.start(), o.end(), o.canary(), o.baseline(), Map.of(name, value));
    }

    static LatencyHistogram sameLatency(long requests) {
        long[] counts = new long[BOUNDS.length + 1];
        counts[1] = requests;
        return new LatencyHistogram(BOUNDS, counts);
    }

    /** {@code buckets} random buckets: binomial errors at the given rates, fixed request counts. */
    static List<Observation> randomErrors(
            SplittableRandom random,
            int buckets,
            int canaryRequests,
            double canaryRate,
            int baselineRequests,
            double baselineRate) {
        List<Observation> list = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            list.add(errors(
                    i,
                    canaryRequests,
                    binomial(random, canaryRequests, canaryRate),
                    baselineRequests,
                    binomial(random, baselineRequests, baselineRate)));
        }
        return list;
    }

    static long binomial(SplittableRandom random, int n, double p) {
        long k = 0;
        for (int j = 0; j < n; j++) {
            if (random.nextDouble() < p) {
                k++;
            }
        }
        return k;
    }
}
