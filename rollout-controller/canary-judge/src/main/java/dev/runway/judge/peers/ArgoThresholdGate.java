package dev.runway.judge.peers;

import dev.runway.judge.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Argo Rollouts' AnalysisRun, reduced to what decides a rollback: each metric is measured every
 * {@code interval} (after {@code initialDelay}) by a query over the last interval of canary traffic and
 * judged by a fixed {@code successCondition}; a metric fails once its failed measurements exceed
 * {@code failureLimit}, and errors once consecutive measurement errors exceed
 * {@code consecutiveErrorLimit}; either aborts the rollout. There is no baseline comparison (users hand
 * -write PromQL against stable for that). Expected time to detect: initialDelay + (failureLimit + 1) ×
 * interval.
 *
 * <p>Metrics modelled: {@code error-ratio <= maxErrorRatio} and {@code p99 <= maxP99Ms}. A window without
 * canary requests is a measurement error (the query returns no value), as Argo treats an empty result.
 */
public final class ArgoThresholdGate implements PeerJudge {

    /**
     * @param failureLimit Argo's default is 0: the first failed measurement aborts
     * @param consecutiveErrorLimit Argo's default is 4
     */
    public record Settings(
            Duration interval,
            Duration initialDelay,
            int failureLimit,
            int consecutiveErrorLimit,
            double maxErrorRatio,
            double maxP99Ms) {

        /** Argo's defaults (failureLimit 0, consecutiveErrorLimit 4), no initial delay, given interval. */
        public static Settings defaults(Duration interval, double maxErrorRatio, double maxP99Ms) {
            return new Settings(interval, Duration.ZERO, 0, 4, maxErrorRatio, maxP99Ms);
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "interval %ds, failureLimit %d, consecutiveErrorLimit %d, successCondition error ratio ≤ %.2f %% and p99 ≤ %.0f ms",
                    interval.toSeconds(),
                    failureLimit,
                    consecutiveErrorLimit,
                    100 * maxErrorRatio,
                    maxP99Ms);
        }
    }

    private final Settings settings;
    private final IntervalClock clock;
    private int errorRatioFailures;
    private int p99Failures;
    private int consecutiveErrors;
    private Instant rollbackAt;
    private String reason = "no measurement yet";

    public ArgoThresholdGate(Settings settings) {
        this.settings = settings;
        this.clock = new IntervalClock(settings.interval(), settings.initialDelay());
    }

    @Override
    public void add(Observation o) {
        List<Observation> window = clock.add(o);
        if (window == null || rollbackAt != null) {
            return;
        }
        WindowStats canary = WindowStats.of(window, Observation::canary);
        if (!canary.hasData()) {
            consecutiveErrors++;
            reason = "measurement error: no canary data (" + consecutiveErrors + " in a row)";
            if (consecutiveErrors > settings.consecutiveErrorLimit()) {
                rollbackAt = o.end();
            }
            return;
        }
        consecutiveErrors = 0;
        double errorRatio = canary.errorRatio();
        double p99 = canary.quantileMs(0.99);
        if (!(errorRatio <= settings.maxErrorRatio())) {
            errorRatioFailures++;
        }
        if (!(p99 <= settings.maxP99Ms())) {
            p99Failures++;
        }
        reason = String.format(
                Locale.ROOT,
                "error ratio %.2f %% (failed %d), p99 %.0f ms (failed %d)",
                100 * errorRatio,
                errorRatioFailures,
                p99,
                p99Failures);
        if (errorRatioFailures > settings.failureLimit() || p99Failures > settings.failureLimit()) {
            rollbackAt = o.end();
            reason = "failureLimit exceeded: " + reason;
        }
    }

    @Override
    public Optional<Instant> rollbackAt() {
        return Optional.ofNullable(rollbackAt);
    }

    @Override
    public String reason() {
        return reason;
    }
}
