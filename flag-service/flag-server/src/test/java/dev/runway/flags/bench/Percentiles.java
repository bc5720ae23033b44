package dev.runway.flags.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of recorded latencies, in milliseconds. */
record Percentiles(int count, double p50, double p90, double p99, double max) {
    static Percentiles of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(
                sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), ms(sorted[sorted.length - 1]));
    }

    private static double at(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return ms(sorted[Math.max(0, rank - 1)]);
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    @Override
    public String toString() {
        return String.format("n=%d p50=%.2f ms p90=%.2f ms p99=%.2f ms max=%.2f ms", count, p50, p90, p99, max);
    }
}
