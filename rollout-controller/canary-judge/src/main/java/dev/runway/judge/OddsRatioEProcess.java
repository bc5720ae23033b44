package dev.runway.judge;

/**
 * Anytime-valid sequential test of "the canary's odds of a bad event (error, or slower than a latency
 * bound) are at most {@code psi0} times the baseline's", fed one time bucket at a time.
 *
 * <h2>Model</h2>
 *
 * In bucket i the canary serves {@code n_i} requests with {@code y_i} bad ones and the baseline {@code m_i}
 * with {@code x_i}; each request is bad independently with probability p_i (canary) or q_i (baseline), and
 * p_i, q_i may drift from bucket to bucket (load, a shared dependency's hiccup) as long as the odds ratio
 * {@code psi = [p/(1-p)] / [q/(1-q)]} is the same. Conditional on the bucket's total of bad events
 * {@code s_i = y_i + x_i}, the canary's share {@code y_i} follows Fisher's noncentral hypergeometric law,
 * which depends on psi alone:
 *
 * <pre>
 *   P_psi(y | n, m, s) = C(n, y) C(m, s - y) psi^y / Z(psi),   Z(psi) = sum_j C(n, j) C(m, s - j) psi^j
 * </pre>
 *
 * Conditioning removes the unknown baseline rate and the traffic split (which changes when weights
 * change); buckets with no bad event ({@code s_i = 0}, the usual case for sparse errors) carry no
 * information and leave the test untouched instead of looking like "equal zeros".
 *
 * <h2>E-processes</h2>
 *
 * For an alternative psi1 the likelihood ratio {@code L_t(psi1) = prod_i P_psi1(y_i) / P_psi0(y_i)} has
 * expectation at most 1 under any psi <= psi0 (the ratio grows with y and y grows stochastically with
 * psi), so it is a nonnegative supermartingale; so is a mixture over psi1. The harm e-process mixes ten
 * alternatives {@code psi0 * 2^(k/2)}, k = 1..10 (1.4× to 32× the tolerance) with equal weights:
 *
 * <pre>
 *   E_t = (1/10) sum_k L_t(psi0 * 2^(k/2))
 * </pre>
 *
 * Ville's inequality gives {@code P(sup_t E_t >= 1/alpha) <= alpha} under the null, so rejecting the first
 * time E_t reaches 1/alpha keeps the false-alarm rate at alpha however often it is looked at. The
 * not-worse e-process mirrors it with alternatives {@code psi0 / 2^(k/2)} and tests "psi >= psi0".
 *
 * <p>Worked example: psi0 = 1, one bucket with n = m = 1 and one bad request, on the canary. Z(psi) =
 * 1 + psi, so the ratio for psi1 = 2 is (2/3) / (1/2) = 4/3: one bad request split 1:0 is mild evidence.
 *
 * <p>Why own code: Hipparchus has the central hypergeometric law but not the noncentral one nor any
 * e-process; the log-weights come from the ratio {@code C(n, j+1)/C(n, j) = (n-j)/(j+1)}, exact and
 * cheap, so no special function is needed. Cost per bucket: (min(n, s) + 1) × 21 exponentials.
 *
 * <p>Also kept: the Mantel–Haenszel odds ratio pooled over buckets, the usual point estimate for
 * stratified 2×2 tables, for reports.
 */
final class OddsRatioEProcess {

    private static final int GRID = 10;
    private static final double LOG_WEIGHT = -Math.log(GRID);

    private final double psi0;
    private final double logPsi0;
    private final double[] logPsiHarm = new double[GRID];
    private final double[] logPsiSafe = new double[GRID];
    private final double[] logLikelihoodRatioHarm = new double[GRID];
    private final double[] logLikelihoodRatioSafe = new double[GRID];
    private double[] logWeights = new double[64];

    private double logE;
    private double maxLogE;
    private double logSafeE;
    private double maxLogSafeE;

    private long canarySamples;
    private long canaryEvents;
    private long baselineSamples;
    private long baselineEvents;
    private double mantelHaenszelNumerator;
    private double mantelHaenszelDenominator;

    OddsRatioEProcess(double psi0) {
        if (!(psi0 > 0) || !Double.isFinite(psi0)) {
            throw new IllegalArgumentException("psi0 must be positive and finite");
        }
        this.psi0 = psi0;
        this.logPsi0 = Math.log(psi0);
        for (int k = 0; k < GRID; k++) {
            double step = (k + 1) * Math.log(2) / 2;
            logPsiHarm[k] = logPsi0 + step;
            logPsiSafe[k] = logPsi0 - step;
        }
    }

    /**
     * Adds one bucket: canary {@code n} samples with {@code y} events, baseline {@code m} with {@code x}.
     */
    void add(long n, long y, long m, long x) {
        if (y < 0 || x < 0 || y > n || x > m) {
            throw new IllegalArgumentException("events must be between 0 and the samples");
        }
        canarySamples += n;
        canaryEvents += y;
        baselineSamples += m;
        baselineEvents += x;
        long total = n + m;
        if (total > 0) {
            mantelHaenszelNumerator += (double) y * (m - x) / total;
            mantelHaenszelDenominator += (double) (n - y) * x / total;
        }
        long s = y + x;
        long lo = Math.max(0, s - m);
        long hi = Math.min(n, s);
        if (hi <= lo) {
            return; // only one split possible: the bucket says nothing about psi
        }
        int range = Math.toIntExact(hi - lo + 1);
        if (logWeights.length < range) {
            logWeights = new double[Math.max(range, 2 * logWeights.length)];
        }
        // log C(n, j) + log C(m, s - j) up to a constant (it cancels in every ratio), via the term ratio.
        logWeights[0] = 0;
        for (long j = lo; j < hi; j++) {
            int i = (int) (j - lo);
            logWeights[i + 1] =
                    logWeights[i] + Math.log((double) (n - j) / (j + 1)) + Math.log((double) (s - j) / (m - s + j + 1));
        }
        double observed = y - lo;
        double nullTerm = logLikelihood(observed, logPsi0, range);
        for (int k = 0; k < GRID; k++) {
            logLikelihoodRatioHarm[k] += logLikelihood(observed, logPsiHarm[k], range) - nullTerm;
            logLikelihoodRatioSafe[k] += logLikelihood(observed, logPsiSafe[k], range) - nullTerm;
        }
        logE = mixture(logLikelihoodRatioHarm);
        logSafeE = mixture(logLikelihoodRatioSafe);
        maxLogE = Math.max(maxLogE, logE);
        maxLogSafeE = Math.max(maxLogSafeE, logSafeE);
    }

    private double logLikelihood(double observed, double logPsi, int range) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < range; i++) {
            max = Math.max(max, logWeights[i] + i * logPsi);
        }
        double sum = 0;
        for (int i = 0; i < range; i++) {
            sum += Math.exp(logWeights[i] + i * logPsi - max);
        }
        return observed * logPsi - (max + Math.log(sum));
    }

    private static double mixture(double[] logLikelihoodRatios) {
        return LOG_WEIGHT + logSumExp(logLikelihoodRatios);
    }

    static double logSumExp(double[] values) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double v : values) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum);
    }

    double psi0() {
        return psi0;
    }

    /** log of the current harm e-value (0 before any informative bucket: E_0 = 1). */
    double logEValue() {
        return logE;
    }

    double logMaxEValue() {
        return maxLogE;
    }

    double logNotWorseEValue() {
        return logSafeE;
    }

    double logMaxNotWorseEValue() {
        return maxLogSafeE;
    }

    long canarySamples() {
        return canarySamples;
    }

    long canaryEvents() {
        return canaryEvents;
    }

    long baselineSamples() {
        return baselineSamples;
    }

    long baselineEvents() {
        return baselineEvents;
    }

    /**
     * Mantel–Haenszel odds ratio {@code sum(y_i (m_i - x_i) / N_i) / sum((n_i - y_i) x_i / N_i)}; null when
     * the denominator is 0 (the baseline never had an event while the canary had a good request): the
     * ratio is then unbounded or undefined, and reports must stay valid JSON.
     */
    Double mantelHaenszelOddsRatio() {
        if (mantelHaenszelDenominator == 0) {
            return null;
        }
        return mantelHaenszelNumerator / mantelHaenszelDenominator;
    }
}
