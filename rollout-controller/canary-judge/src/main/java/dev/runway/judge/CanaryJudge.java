package dev.runway.judge;

import java.util.List;

/**
 * Statistical canary judge: compares the canary against the baseline per metric with sequential tests
 * that stay valid when the verdict is read continuously, and returns a {@link Verdict} with every figure.
 *
 * <h2>Per metric</h2>
 *
 * <ul>
 *   <li><b>Error ratio, latency</b> (statistical, see {@link OddsRatioEProcess} and
 *       {@link LatencyAnalyzer}):
 *       <ol>
 *         <li>FAIL as soon as the metric's e-value has reached {@code 1/alpha_m}, where {@code alpha_m} is
 *             alpha split evenly over the statistical metrics. Failing needs no minimum sample: the
 *             e-value bounds the false-alarm rate at any sample size, and a canary with 5 errors in its
 *             first 20 requests should be stopped at once.</li>
 *         <li>INCONCLUSIVE while either side has fewer than {@code minSamples}: never a silent pass.</li>
 *         <li>PASS early when the not-worse e-value has reached {@code 1/beta}: evidence that the canary
 *             is within the tolerated degradation (an equivalence boundary, error rate at most beta).</li>
 *         <li>PASS when the phase is {@link Phase#BAKE_COMPLETE}: the step's bake time is over, both
 *             sides have the minimum sample and the harm test never fired. This is the usual pass for
 *             rare events (at 0.5 % errors a 10-minute step rarely collects enough errors to prove
 *             equivalence); its power is set by the bake time and traffic, which the controller owns.</li>
 *         <li>Otherwise INCONCLUSIVE (keep baking).</li>
 *       </ol>
 *   <li><b>Threshold</b>: see {@link ThresholdAnalyzer}.</li>
 * </ul>
 *
 * <h2>Verdict</h2>
 *
 * FAIL if any critical metric failed, or more non-critical metrics failed than
 * {@link JudgeConfig#nonCriticalFailuresTolerated()} (default 1: a single non-critical failure is shown
 * in the report but does not roll back, two do). Otherwise PASS if every metric that did not fail passed;
 * otherwise INCONCLUSIVE, naming the metrics still undecided. A metric's FAIL is sticky within the step
 * (it rests on the running maximum of its e-value), so the verdict cannot flip back to PASS.
 *
 * <p>Guarantee: if the canary is within every statistical metric's tolerance, the probability that this
 * judge ever returns FAIL because of a statistical metric is at most alpha (Ville's inequality per metric,
 * union bound over metrics), for any number of looks.
 */
public final class CanaryJudge {

    private final JudgeConfig config;

    public CanaryJudge(JudgeConfig config) {
        this.config = config;
    }

    public JudgeConfig config() {
        return config;
    }

    /** A fresh running analysis for one rollout step; feed it buckets as they arrive. */
    public CanaryAnalysis start() {
        return new CanaryAnalysis(config);
    }

    /** Judges a whole history at once (same result as feeding {@link #start()} bucket by bucket). */
    public Verdict judge(List<Observation> observations, Phase phase) {
        CanaryAnalysis analysis = start();
        observations.forEach(analysis::add);
        return analysis.verdict(phase);
    }
}
