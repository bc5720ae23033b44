package dev.runway.judge.peers;

import dev.runway.judge.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Flagger's canary analysis, reduced to what decides a rollback: every {@code interval} (default 60 s)
 * each metric's query over the last interval must fall in its {@code thresholdRange}; an interval with
 * any metric out of range, or with no values ("no values found" halts advancement), adds one failed
 * check; the canary is rolled back once failed checks reach {@code threshold}. Time to roll back ≈
 * interval × threshold.
 *
 * <p>Metrics modelled after Flagger's built-ins: request-success-rate {@code min} (percent) and
 * request-duration {@code max} (p99, ms).
 */
public final class FlaggerIntervalCheck implements PeerJudge {

    public record Settings(Duration interval, int threshold, double minSuccessRatePercent, double maxP99Ms) {

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "interval %ds, threshold %d failed checks, request-success-rate ≥ %.2f %%, request-duration p99 ≤ %.0f ms",
                    interval.toSeconds(),
                    threshold,
                    minSuccessRatePercent,
                    maxP99Ms);
        }
    }

    private final Settings settings;
    private final IntervalClock clock;
    private int failedChecks;
    private Instant rollbackAt;
    private String reason = "no check yet";

    public FlaggerIntervalCheck(Settings settings) {
        this.settings = settings;
        this.clock = new IntervalClock(settings.interval(), Duration.ZERO);
    }

    @Override
    public void add(Observation o) {
        List<Observation> window = clock.add(o);
        if (window == null || rollbackAt != null) {
            return;
        }
        WindowStats canary = WindowStats.of(window, Observation::canary);
        boolean passed;
        if (!canary.hasData()) {
            passed = false;
            reason = "halt advancement: no values found";
        } else {
            double successRate = 100 * (1 - canary.errorRatio());
            double p99 = canary.quantileMs(0.99);
            passed = successRate >= settings.minSuccessRatePercent() && p99 <= settings.maxP99Ms();
            reason = String.format(Locale.ROOT, "success rate %.2f %%, p99 %.0f ms", successRate, p99);
        }
        if (!passed) {
            failedChecks++;
            reason = reason + " (failed checks " + failedChecks + "/" + settings.threshold() + ")";
            if (failedChecks >= settings.threshold()) {
                rollbackAt = o.end();
                reason = "rolling back: " + reason;
            }
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
