package dev.runway.gateway.metrics.histogram;

/** Arithmetic on count arrays over {@link LatencyBounds}. */
public final class Histograms {
    private Histograms() {}

    public static long total(long[] counts) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    /** Adds {@code more} into {@code into}, bucket by bucket; both must have {@link LatencyBounds#BUCKETS}. */
    public static void addInto(long[] into, long[] more) {
        if (into.length != more.length) {
            throw new IllegalArgumentException("histograms of " + into.length + " and " + more.length + " buckets");
        }
        for (int i = 0; i < into.length; i++) {
            into[i] += more[i];
        }
    }

    /**
     * The q-quantile in milliseconds with linear interpolation inside its bucket, the rule of Prometheus's
     * {@code histogram_quantile} and of the canary judge (lower edge 0 for the first bucket; a quantile in the
     * overflow bucket is reported as the last bound). NaN when empty.
     *
     * <p>Example: bounds [50, 100, 200], counts [1, 2, 1, 1], q = 0.5: rank 2.5 falls in (50, 100] after one
     * request, 1.5 of its 2 requests in: 50 + 50 * 1.5 / 2 = 87.5 ms.
     */
    public static double quantileMs(double[] bounds, long[] counts, double q) {
        long total = total(counts);
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long cumulative = 0;
        for (int i = 0; i < bounds.length; i++) {
            long before = cumulative;
            cumulative += counts[i];
            if (cumulative >= rank && counts[i] > 0) {
                double lower = i == 0 ? 0 : bounds[i - 1];
                return lower + (bounds[i] - lower) * (rank - before) / counts[i];
            }
        }
        return bounds[bounds.length - 1];
    }
}
