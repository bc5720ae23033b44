package dev.runway.judge.peers;

import java.util.Arrays;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.stat.inference.MannWhitneyUTest;

/**
 * Two-sample rank comparison as Kayenta's classifier uses it: the Hodges–Lehmann shift (median of all
 * pairwise differences experiment − control) with its distribution-free confidence interval, plus the
 * two-sided Mann–Whitney p-value.
 *
 * <p>Interval (Moses): sort the N = n·m differences D; with z the normal quantile for the confidence,
 * {@code C = floor(N/2 - z sqrt(n m (n + m + 1) / 12))}, the interval is {@code [D_(C+1), D_(N-C)]}
 * (1-based). Example: n = m = 10, 98 %: C = floor(50 − 2.326 × 13.23) = 19, so [D_20, D_81] of 100.
 * Ties are not corrected for (they make the interval slightly conservative).
 *
 * <p>Hipparchus supplies the p-value and the normal quantile; it has no Hodges–Lehmann estimator or
 * interval, hence the few lines here.
 */
final class MannWhitney {

    record Result(double shift, double lower, double upper, double pValue) {}

    private MannWhitney() {}

    static Result compare(double[] experiment, double[] control, double confidence) {
        int n = experiment.length;
        int m = control.length;
        double[] differences = new double[n * m];
        int k = 0;
        for (double x : experiment) {
            for (double y : control) {
                differences[k++] = x - y;
            }
        }
        Arrays.sort(differences);
        int total = differences.length;
        double shift =
                total % 2 == 1 ? differences[total / 2] : (differences[total / 2 - 1] + differences[total / 2]) / 2;
        double z = new NormalDistribution().inverseCumulativeProbability(1 - (1 - confidence) / 2);
        int c = (int) Math.floor(total / 2.0 - z * Math.sqrt((double) n * m * (n + m + 1) / 12.0));
        c = Math.max(0, Math.min(c, (total - 1) / 2));
        double pValue = new MannWhitneyUTest().mannWhitneyUTest(experiment, control);
        return new Result(shift, differences[c], differences[total - 1 - c], pValue);
    }
}
