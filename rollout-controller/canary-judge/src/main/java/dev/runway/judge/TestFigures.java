package dev.runway.judge;

/**
 * Figures of one sequential test inside a metric (the error test, or one quantile bound of the latency
 * metric). "Events" are the bad outcomes the test counts: server errors, or requests slower than the
 * bound. Boxed numbers are null when undefined (no data yet, or an odds ratio with nothing to divide).
 *
 * @param boundMs the latency bound in force at the last bucket (null for the error test)
 * @param oddsRatio Mantel–Haenszel estimate of canary-vs-baseline odds of an event, pooled over buckets
 * @param toleratedOddsRatio the null hypothesis' boundary: 1 + minRelativeIncrease
 * @param eValue current value of the harm e-process (evidence that the odds ratio exceeds the tolerance)
 * @param maxEValue largest value it ever reached (the judge fails on this, see {@link CanaryJudge})
 * @param notWorseEValue current evidence that the odds ratio is below the tolerance
 */
public record TestFigures(
        String test,
        Double boundMs,
        long canarySamples,
        long canaryEvents,
        long baselineSamples,
        long baselineEvents,
        Double canaryShare,
        Double baselineShare,
        Double oddsRatio,
        double toleratedOddsRatio,
        double eValue,
        double maxEValue,
        double notWorseEValue) {}
