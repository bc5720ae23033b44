package dev.runway.judge;

import java.time.Instant;
import java.util.List;

/**
 * Error ratio: one {@link OddsRatioEProcess} on server errors with {@code psi0 = 1 + minRelativeIncrease}.
 *
 * <p>FAIL once the e-value has reached 1/alpha and the observed rates differ by at least the absolute
 * floor. Example (alpha 0.005, threshold 200): baseline 0.5 %, canary 2 % at 10 req/s; each bucket adds
 * about 0.4 nat of log-evidence, so 200 (5.3 nats, plus the mixture's 2.3) is reached after roughly a
 * minute.
 */
final class ErrorRatioAnalyzer implements MetricAnalyzer {

    private final MetricSpec.ErrorRatio spec;
    private final double logFailThreshold;
    private final double logPassThreshold;
    private final OddsRatioEProcess test;
    private Instant harmEvidenceAt;

    ErrorRatioAnalyzer(MetricSpec.ErrorRatio spec, double alpha, double beta) {
        this.spec = spec;
        this.logFailThreshold = Math.log(1 / alpha);
        this.logPassThreshold = Math.log(1 / beta);
        this.test = new OddsRatioEProcess(1 + spec.minRelativeIncrease());
    }

    @Override
    public void add(Observation o) {
        test.add(
                o.canary().requests(),
                o.canary().errors(),
                o.baseline().requests(),
                o.baseline().errors());
        if (harmEvidenceAt == null && test.logMaxEValue() >= logFailThreshold && materialIncrease()) {
            harmEvidenceAt = o.end();
        }
    }

    private boolean materialIncrease() {
        if (spec.minAbsoluteIncrease() == 0) {
            return true;
        }
        Double canary = Figures.share(test.canaryEvents(), test.canarySamples());
        Double baseline = Figures.share(test.baselineEvents(), test.baselineSamples());
        return canary != null && baseline != null && canary - baseline >= spec.minAbsoluteIncrease();
    }

    @Override
    public MetricReport report(Phase phase) {
        Double canaryRate = Figures.share(test.canaryEvents(), test.canarySamples());
        Double baselineRate = Figures.share(test.baselineEvents(), test.baselineSamples());
        Double oddsRatio = test.mantelHaenszelOddsRatio();
        double e = Figures.exp(test.logEValue());
        double maxE = Figures.exp(test.logMaxEValue());
        double notWorse = Figures.exp(test.logMaxNotWorseEValue());
        double failAt = Figures.exp(logFailThreshold);
        double passAt = Figures.exp(logPassThreshold);
        String rates = rates(canaryRate, baselineRate, oddsRatio);
        Outcome outcome;
        String reason;
        if (harmEvidenceAt != null) {
            outcome = Outcome.FAIL;
            reason = "canary errors exceed the tolerated " + Figures.ratio(test.psi0()) + "× baseline: " + rates
                    + "; e-value reached " + Figures.eValue(maxE) + " ≥ " + Figures.eValue(failAt);
        } else if (test.canarySamples() < spec.minSamples() || test.baselineSamples() < spec.minSamples()) {
            outcome = Outcome.INCONCLUSIVE;
            reason = "too little data: " + test.canarySamples() + " canary and " + test.baselineSamples()
                    + " baseline requests, " + spec.minSamples() + " needed on each side; " + rates;
        } else if (test.logMaxNotWorseEValue() >= logPassThreshold) {
            outcome = Outcome.PASS;
            reason = "shown not worse than " + Figures.ratio(test.psi0()) + "× baseline: " + rates
                    + "; not-worse e-value " + Figures.eValue(notWorse) + " ≥ " + Figures.eValue(passAt);
        } else if (phase == Phase.BAKE_COMPLETE) {
            outcome = Outcome.PASS;
            reason = "bake time over with enough requests and no evidence of harm: " + rates + "; e-value "
                    + Figures.eValue(maxE) + " < " + Figures.eValue(failAt);
        } else {
            outcome = Outcome.INCONCLUSIVE;
            reason = "collecting evidence: " + rates + "; e-value " + Figures.eValue(e) + " (fail at "
                    + Figures.eValue(failAt) + "), not-worse e-value " + Figures.eValue(notWorse) + " (pass at "
                    + Figures.eValue(passAt) + ")";
        }
        var figures = new TestFigures(
                "errors",
                null,
                test.canarySamples(),
                test.canaryEvents(),
                test.baselineSamples(),
                test.baselineEvents(),
                canaryRate,
                baselineRate,
                oddsRatio,
                test.psi0(),
                e,
                maxE,
                notWorse);
        return new MetricReport(
                spec.name(),
                MetricKind.ERROR_RATIO,
                spec.critical(),
                outcome,
                test.canarySamples(),
                test.baselineSamples(),
                canaryRate,
                baselineRate,
                "error ratio",
                oddsRatio,
                test.psi0(),
                e,
                maxE,
                failAt,
                notWorse,
                passAt,
                harmEvidenceAt,
                List.of(figures),
                reason);
    }

    private String rates(Double canary, Double baseline, Double oddsRatio) {
        return "canary " + test.canaryEvents() + "/" + test.canarySamples()
                + (canary == null ? "" : " (" + Figures.percent(canary) + ")") + " vs baseline "
                + test.baselineEvents() + "/" + test.baselineSamples()
                + (baseline == null ? "" : " (" + Figures.percent(baseline) + ")") + ", odds ratio "
                + Figures.ratio(oddsRatio);
    }
}
