package dev.runway.judge.sim;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Generates the buckets a gateway would report for one step: per bucket, canary and baseline request
 * counts are Poisson (a Poisson stream split by weight is two independent Poisson streams); every
 * request independently errors with its version's rate and draws a log-normal latency that is binned
 * into the shared bounds. One seed fixes the whole step, so every judge can be run on the same stream.
 */
public final class TrafficSimulator {

    /** Buckets start here; any fixed instant would do, a fixed one keeps reports reproducible. */
    public static final Instant STEP_START = Instant.parse("2025-01-01T00:00:00Z");

    private final TrafficProfile profile;

    public TrafficSimulator(TrafficProfile profile) {
        this.profile = profile;
    }

    public TrafficProfile profile() {
        return profile;
    }

    public List<Observation> simulate(Scenario scenario, long seed) {
        var random = new RandomDataGenerator(seed);
        double[] bounds = profile.boundsMs();
        double[] canaryCdf = binCdf(bounds, scenario.canaryMedianMs(), scenario.canarySigma());
        double[] baselineCdf = binCdf(bounds, profile.medianMs(), profile.sigma());
        double seconds = profile.bucket().toMillis() / 1000.0;
        double canaryMean = profile.totalRps() * profile.canaryWeight() * seconds;
        double baselineMean = profile.totalRps() * (1 - profile.canaryWeight()) * seconds;
        int buckets = profile.buckets();
        List<Observation> observations = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            Instant start = STEP_START.plus(profile.bucket().multipliedBy(i));
            VersionSample canary =
                    sample(random, random.nextPoisson(canaryMean), scenario.canaryErrorRate(), canaryCdf, bounds);
            VersionSample baseline =
                    sample(random, random.nextPoisson(baselineMean), profile.baselineErrorRate(), baselineCdf, bounds);
            observations.add(new Observation(start, start.plus(profile.bucket()), canary, baseline));
        }
        return observations;
    }

    private static VersionSample sample(
            RandomDataGenerator random, int requests, double errorRate, double[] cdf, double[] bounds) {
        long errors = 0;
        long[] counts = new long[bounds.length + 1];
        for (int r = 0; r < requests; r++) {
            if (random.nextDouble() < errorRate) {
                errors++;
            }
            int bin = Arrays.binarySearch(cdf, random.nextDouble());
            counts[bin >= 0 ? bin : -bin - 1]++;
        }
        return new VersionSample(requests, errors, new LatencyHistogram(bounds, counts));
    }

    /** Cumulative probability at each bound, then 1 for the overflow bucket. */
    static double[] binCdf(double[] bounds, double medianMs, double sigma) {
        var latency = new LogNormalDistribution(Math.log(medianMs), sigma);
        double[] cdf = new double[bounds.length + 1];
        for (int i = 0; i < bounds.length; i++) {
            cdf[i] = latency.cumulativeProbability(bounds[i]);
        }
        cdf[bounds.length] = 1.0;
        return cdf;
    }
}
