package dev.runway.judge.peers;

import dev.runway.judge.Observation;
import dev.runway.judge.VersionSample;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Kayenta's Netflix ACA judge, reduced to what decides a rollback. Every {@code interval} it judges all
 * data since the step started, metric by metric, on time series (one value per gateway bucket and
 * version): error ratio, latency p50 and latency p99, each direction "increase".
 *
 * <p>Per metric: no data on a side → NODATA; identical or single-valued data → PASS; otherwise a
 * Mann–Whitney comparison at {@code confidence} (0.98) with the Hodges–Lehmann shift: HIGH (fail) when the
 * interval's lower bound exceeds {@code tolerance} (0.25) × |shift| and the effect size (mean ratio
 * canary/baseline, 1 when the baseline mean is 0) is at least {@code allowedIncrease}; else PASS. Score
 * = 100 × passing / judged metrics (0 when half or more have no data). Like Spinnaker's canary stage,
 * an interval scoring below {@code marginalScore} fails the canary at once.
 */
public final class KayentaJudge implements PeerJudge {

    public record Settings(
            Duration interval,
            double confidence,
            double tolerance,
            double allowedIncrease,
            double passScore,
            double marginalScore) {

        /** Kayenta's classifier defaults with Spinnaker's usual score thresholds (pass 95, marginal 75). */
        public static Settings defaults(Duration interval) {
            return new Settings(interval, 0.98, 0.25, 1.0, 95, 75);
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "judged every %ds on all data so far; MWU confidence %.2f, tolerance %.2f, allowed increase %.2f; score pass %.0f / marginal %.0f; metrics error ratio, p50, p99 per 5 s bucket",
                    interval.toSeconds(),
                    confidence,
                    tolerance,
                    allowedIncrease,
                    passScore,
                    marginalScore);
        }
    }

    /** Kayenta's metric labels (Low is irrelevant for "increase" metrics). */
    public enum Label {
        PASS,
        HIGH,
        NODATA
    }

    public record Classification(
            Label label, double shift, double lower, double upper, double meanRatio, double pValue) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("error ratio", s -> s.requests() == 0 ? Double.NaN : (double) s.errors() / s.requests()),
            new Metric("latency p50", s -> s.latency().quantileMs(0.5)),
            new Metric("latency p99", s -> s.latency().quantileMs(0.99)));

    private record Metric(String name, ToDoubleFunction<VersionSample> value) {}

    private final Settings settings;
    private final IntervalClock clock;
    private Instant rollbackAt;
    private String reason = "not judged yet";

    public KayentaJudge(Settings settings) {
        this.settings = settings;
        this.clock = new IntervalClock(settings.interval(), Duration.ZERO);
    }

    @Override
    public void add(Observation o) {
        if (clock.add(o) == null || rollbackAt != null) {
            return;
        }
        List<Observation> all = clock.all();
        int judged = 0;
        int passed = 0;
        int noData = 0;
        var text = new StringBuilder();
        for (Metric metric : METRICS) {
            double[] canary = series(all, true, metric.value());
            double[] baseline = series(all, false, metric.value());
            Classification c = classify(canary, baseline, settings);
            text.append(metric.name()).append(' ').append(c.label()).append("; ");
            switch (c.label()) {
                case NODATA -> noData++;
                case PASS -> {
                    judged++;
                    passed++;
                }
                case HIGH -> judged++;
            }
        }
        double score = 2 * noData >= METRICS.size() || judged == 0 ? 0 : 100.0 * passed / judged;
        reason = String.format(Locale.ROOT, "score %.0f: %s", score, text);
        if (score < settings.marginalScore()) {
            rollbackAt = o.end();
        }
    }

    /** Kayenta's per-metric classification for direction "increase". */
    public static Classification classify(double[] canary, double[] baseline, Settings settings) {
        if (canary.length == 0 || baseline.length == 0) {
            return new Classification(Label.NODATA, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] c = canary.clone();
        double[] b = baseline.clone();
        Arrays.sort(c);
        Arrays.sort(b);
        if (Arrays.equals(c, b) || (c[0] == c[c.length - 1] && b[0] == b[b.length - 1] && c[0] == b[0])) {
            return new Classification(Label.PASS, 0, 0, 0, 1, 1);
        }
        MannWhitney.Result r = MannWhitney.compare(canary, baseline, settings.confidence());
        double baselineMean = Arrays.stream(baseline).average().orElse(0);
        double meanRatio =
                baselineMean == 0 ? 1.0 : Arrays.stream(canary).average().orElse(0) / baselineMean;
        boolean high =
                r.lower() > settings.tolerance() * Math.abs(r.shift()) && meanRatio >= settings.allowedIncrease();
        return new Classification(
                high ? Label.HIGH : Label.PASS, r.shift(), r.lower(), r.upper(), meanRatio, r.pValue());
    }

    private static double[] series(List<Observation> all, boolean canary, ToDoubleFunction<VersionSample> value) {
        return all.stream()
                .mapToDouble(o -> value.applyAsDouble(canary ? o.canary() : o.baseline()))
                .filter(v -> !Double.isNaN(v))
                .toArray();
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
