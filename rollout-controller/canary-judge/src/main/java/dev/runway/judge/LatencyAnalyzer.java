package dev.runway.judge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Latency: "is the canary slower than the baseline at its p50, p90 or p99?" as one exceedance test per
 * baseline quantile, so a shift, a heavier tail and a wider spread at equal median are all caught (a rank
 * test on the median, as Kayenta's, sees only the shift).
 *
 * <p>For quantile q the watched bound b is the histogram bound at which the baseline's cumulative share
 * first reaches q, taken from the baseline buckets <em>before</em> the current one (a predictable choice,
 * which keeps each bucket's factor a valid supermartingale step). The bucket then contributes "requests
 * slower than b" on each side to that quantile's {@link OddsRatioEProcess}; a q-test starts once the
 * baseline has 20/(1-q) samples (2 000 for p99), enough for its bound to be stable.
 *
 * <p>Multiplicity: the metric's e-value is the mean of its Q quantile e-processes, itself an e-process
 * (an average of supermartingales on one filtration is one), so failing when it reaches 1/alpha keeps the
 * metric's false-alarm rate at alpha. Compared with Bonferroni (each at alpha/Q) it is never worse by more
 * than the factor Q and adds evidence across quantiles. To pass early, every quantile's not-worse
 * e-process must reach 1/beta (an intersection–union test: no correction needed).
 *
 * <p>Example: baseline log-normal with median 100 ms, canary with the same median but 30 % wider spread:
 * the p50 test sees nothing, the p99 bound (~360 ms) is exceeded by ≈2.6 % of canary requests against
 * ≈0.5 % of baseline ones, an odds ratio near 5, and the mean e-value grows by ≈0.6 nat per 5 s bucket
 * at 10 canary req/s.
 */
final class LatencyAnalyzer implements MetricAnalyzer {

    private final MetricSpec.Latency spec;
    private final double logFailThreshold;
    private final double logPassThreshold;
    private final double[] quantiles;
    private final OddsRatioEProcess[] tests;
    private final int[] boundIndex;
    private long[] canaryCounts;
    private long[] baselineCounts;
    private LatencyHistogram bounds;
    private long canaryTotal;
    private long baselineTotal;
    private double logMaxCombined;
    private Instant harmEvidenceAt;

    LatencyAnalyzer(MetricSpec.Latency spec, double alpha, double beta) {
        this.spec = spec;
        this.logFailThreshold = Math.log(1 / alpha);
        this.logPassThreshold = Math.log(1 / beta);
        this.quantiles =
                spec.quantiles().stream().mapToDouble(Double::doubleValue).toArray();
        this.tests = new OddsRatioEProcess[quantiles.length];
        this.boundIndex = new int[quantiles.length];
        for (int i = 0; i < quantiles.length; i++) {
            tests[i] = new OddsRatioEProcess(1 + spec.minRelativeIncrease());
            boundIndex[i] = -1;
        }
    }

    @Override
    public void add(Observation o) {
        LatencyHistogram canary = o.canary().latency();
        LatencyHistogram baseline = o.baseline().latency();
        if (bounds == null) {
            bounds = LatencyHistogram.empty(canary.upperBoundsMs());
            canaryCounts = new long[canary.bucketCount()];
            baselineCounts = new long[canary.bucketCount()];
        } else {
            bounds.requireSameBounds(canary);
        }
        long n = canary.total();
        long m = baseline.total();
        for (int i = 0; i < quantiles.length; i++) {
            boundIndex[i] = predictableBound(quantiles[i]);
            if (boundIndex[i] >= 0) {
                tests[i].add(n, canary.countAbove(boundIndex[i]), m, baseline.countAbove(boundIndex[i]));
            }
        }
        for (int b = 0; b < canaryCounts.length; b++) {
            canaryCounts[b] += canary.count(b);
            baselineCounts[b] += baseline.count(b);
        }
        canaryTotal += n;
        baselineTotal += m;
        logMaxCombined = Math.max(logMaxCombined, logCombined());
        if (harmEvidenceAt == null && logMaxCombined >= logFailThreshold) {
            harmEvidenceAt = o.end();
        }
    }

    /** Bound index of the baseline's q-quantile from the buckets seen so far; -1 while too few. */
    private int predictableBound(double q) {
        if (baselineTotal < 20 / (1 - q)) {
            return -1;
        }
        double needed = q * baselineTotal;
        long cumulative = 0;
        for (int b = 0; b < baselineCounts.length - 1; b++) {
            cumulative += baselineCounts[b];
            if (cumulative >= needed) {
                return b;
            }
        }
        return -1;
    }

    /** log of the mean of the quantile e-values. */
    private double logCombined() {
        double[] logs = new double[tests.length];
        for (int i = 0; i < tests.length; i++) {
            logs[i] = tests[i].logEValue();
        }
        return OddsRatioEProcess.logSumExp(logs) - Math.log(tests.length);
    }

    /** The weakest not-worse evidence over quantiles: all of them must show "not slower". */
    private double logWeakestNotWorse() {
        double weakest = Double.POSITIVE_INFINITY;
        for (OddsRatioEProcess t : tests) {
            weakest = Math.min(weakest, t.logMaxNotWorseEValue());
        }
        return weakest;
    }

    @Override
    public MetricReport report(Phase phase) {
        List<TestFigures> figures = new ArrayList<>();
        int decisive = 0;
        for (int i = 0; i < tests.length; i++) {
            OddsRatioEProcess t = tests[i];
            if (t.logEValue() > tests[decisive].logEValue()) {
                decisive = i;
            }
            figures.add(new TestFigures(
                    "slower than baseline p" + percentileName(quantiles[i]),
                    boundIndex[i] >= 0 ? bounds.upperBoundMs(boundIndex[i]) : null,
                    t.canarySamples(),
                    t.canaryEvents(),
                    t.baselineSamples(),
                    t.baselineEvents(),
                    Figures.share(t.canaryEvents(), t.canarySamples()),
                    Figures.share(t.baselineEvents(), t.baselineSamples()),
                    t.mantelHaenszelOddsRatio(),
                    t.psi0(),
                    Figures.exp(t.logEValue()),
                    Figures.exp(t.logMaxEValue()),
                    Figures.exp(t.logMaxNotWorseEValue())));
        }
        double e = Figures.exp(logCombined());
        double maxE = Figures.exp(logMaxCombined);
        double notWorse = Figures.exp(logWeakestNotWorse());
        double failAt = Figures.exp(logFailThreshold);
        double passAt = Figures.exp(logPassThreshold);
        Double canaryP99 = quantile(canaryCounts, canaryTotal);
        Double baselineP99 = quantile(baselineCounts, baselineTotal);
        String p99 = "p99 canary " + (canaryP99 == null ? "n/a" : Figures.ms(canaryP99)) + " vs baseline "
                + (baselineP99 == null ? "n/a" : Figures.ms(baselineP99));
        TestFigures worst = figures.get(decisive);
        String worstText = worst.boundMs() == null
                ? "no quantile bound yet"
                : worst.test() + " (" + Figures.ms(worst.boundMs()) + "): canary "
                        + share(worst.canaryShare()) + " vs baseline " + share(worst.baselineShare())
                        + ", odds ratio " + Figures.ratio(worst.oddsRatio());
        Outcome outcome;
        String reason;
        if (harmEvidenceAt != null) {
            outcome = Outcome.FAIL;
            reason = "canary slower than tolerated: " + worstText + "; " + p99 + "; e-value reached "
                    + Figures.eValue(maxE) + " ≥ " + Figures.eValue(failAt);
        } else if (canaryTotal < spec.minSamples() || baselineTotal < spec.minSamples()) {
            outcome = Outcome.INCONCLUSIVE;
            reason = "too little data: " + canaryTotal + " canary and " + baselineTotal + " baseline latency samples, "
                    + spec.minSamples() + " needed on each side";
        } else if (logWeakestNotWorse() >= logPassThreshold) {
            outcome = Outcome.PASS;
            reason = "shown not slower than tolerated at every watched quantile; " + p99
                    + "; weakest not-worse e-value " + Figures.eValue(notWorse) + " ≥ " + Figures.eValue(passAt);
        } else if (phase == Phase.BAKE_COMPLETE) {
            outcome = Outcome.PASS;
            reason = "bake time over with enough samples and no evidence of harm; " + p99 + "; e-value "
                    + Figures.eValue(maxE) + " < " + Figures.eValue(failAt);
        } else {
            outcome = Outcome.INCONCLUSIVE;
            reason = "collecting evidence: " + worstText + "; " + p99 + "; e-value " + Figures.eValue(e) + " (fail at "
                    + Figures.eValue(failAt) + ")";
        }
        return new MetricReport(
                spec.name(),
                MetricKind.LATENCY,
                spec.critical(),
                outcome,
                canaryTotal,
                baselineTotal,
                canaryP99,
                baselineP99,
                "latency p99 (ms)",
                worst.oddsRatio(),
                1 + spec.minRelativeIncrease(),
                e,
                maxE,
                failAt,
                notWorse,
                passAt,
                harmEvidenceAt,
                figures,
                reason);
    }

    private Double quantile(long[] counts, long total) {
        if (bounds == null || total == 0) {
            return null;
        }
        return new LatencyHistogram(bounds.upperBoundsMs(), counts).quantileMs(0.99);
    }

    private static String share(Double share) {
        return share == null ? "n/a" : Figures.percent(share);
    }

    private static String percentileName(double q) {
        double p = 100 * q;
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%.1f", p);
    }
}
