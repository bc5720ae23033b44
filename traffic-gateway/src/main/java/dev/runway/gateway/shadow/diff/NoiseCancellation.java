package dev.runway.gateway.shadow.diff;

/**
 * Tells a real difference from noise, after Diffy: every copied request also goes to a second instance of
 * the primary version, and a field whose value differs between the two primaries (a timestamp, a request id)
 * is expected to differ between primary and shadow just as often.
 *
 * <p>A field is a {@link Verdict#REGRESSION} when its primary-vs-shadow difference rate {@code d} clearly
 * exceeds its primary-vs-primary rate {@code n}: the excess {@code d - n} must be more than
 * {@value #ABSOLUTE_GAP} of the requests and more than {@value #RELATIVE_GAP} of {@code d}. Examples: a
 * timestamp with d = 1.0, n = 0.98 is noise (excess 2 % of d); a field changed by the candidate with
 * d = 1.0, n = 0 is a regression; d = 0.5, n = 0.45 is noise (excess 10 % of d). Without a second primary
 * there is nothing to cancel against and every difference counts.
 */
public final class NoiseCancellation {
    public static final double RELATIVE_GAP = 0.2;
    public static final double ABSOLUTE_GAP = 0.0003;

    public enum Verdict {
        REGRESSION,
        NOISE
    }

    private NoiseCancellation() {}

    public static Verdict classify(long comparisons, long noiseComparisons, long differences, long noise) {
        if (differences == 0 || comparisons == 0) {
            return Verdict.NOISE;
        }
        if (noiseComparisons == 0) {
            return Verdict.REGRESSION;
        }
        double d = (double) differences / comparisons;
        double n = Math.min(1.0, (double) noise / noiseComparisons);
        double excess = d - n;
        return excess > ABSOLUTE_GAP && excess > RELATIVE_GAP * d ? Verdict.REGRESSION : Verdict.NOISE;
    }
}
