package dev.runway.judge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The judge's running state for one rollout step: feed buckets in time order with {@link #add}, read a
 * {@link Verdict} whenever needed (after every bucket is fine: that is what the tests are built for).
 * Costs O(metrics) per bucket however long the step runs. Not thread-safe: one controller loop owns it.
 */
public final class CanaryAnalysis {

    private final JudgeConfig config;
    private final List<MetricAnalyzer> analyzers;
    private int buckets;
    private long canaryRequests;
    private long baselineRequests;
    private Instant asOf;

    CanaryAnalysis(JudgeConfig config) {
        this.config = config;
        this.analyzers = config.metrics().stream()
                .map(spec -> MetricAnalyzer.of(spec, config))
                .toList();
    }

    /** Adds the next bucket; buckets must not go back in time. */
    public void add(Observation observation) {
        if (asOf != null && observation.end().isBefore(asOf)) {
            throw new IllegalArgumentException(
                    "observations must arrive in time order: " + observation.end() + " is before " + asOf);
        }
        for (MetricAnalyzer analyzer : analyzers) {
            analyzer.add(observation);
        }
        buckets++;
        canaryRequests += observation.canary().requests();
        baselineRequests += observation.baseline().requests();
        asOf = observation.end();
    }

    public int buckets() {
        return buckets;
    }

    /** The verdict on everything added so far; see {@link CanaryJudge} for the rules. */
    public Verdict verdict(Phase phase) {
        List<MetricReport> reports = new ArrayList<>(analyzers.size());
        for (MetricAnalyzer analyzer : analyzers) {
            reports.add(analyzer.report(phase));
        }
        List<String> failedCritical = names(reports, Outcome.FAIL, true);
        List<String> failedOther = names(reports, Outcome.FAIL, false);
        List<String> undecided = new ArrayList<>(names(reports, Outcome.INCONCLUSIVE, true));
        undecided.addAll(names(reports, Outcome.INCONCLUSIVE, false));
        List<String> failed = new ArrayList<>(failedCritical);
        failed.addAll(failedOther);

        if (!failedCritical.isEmpty() || failedOther.size() > config.nonCriticalFailuresTolerated()) {
            String why = !failedCritical.isEmpty()
                    ? "critical metric failed: " + String.join(", ", failedCritical)
                    : failedOther.size() + " non-critical metrics failed (" + String.join(", ", failedOther)
                            + "), more than the " + config.nonCriticalFailuresTolerated() + " tolerated";
            return new Verdict.Fail(
                    report(Outcome.FAIL, phase, reports, "FAIL: " + why + details(reports, failed)), failed);
        }
        if (undecided.isEmpty()) {
            String why = failedOther.isEmpty()
                    ? "every metric passed"
                    : "every other metric passed; tolerated non-critical failure(s): " + String.join(", ", failedOther);
            return new Verdict.Pass(
                    report(Outcome.PASS, phase, reports, "PASS: " + why + details(reports, failedOther)));
        }
        return new Verdict.Inconclusive(
                report(
                        Outcome.INCONCLUSIVE,
                        phase,
                        reports,
                        "INCONCLUSIVE: waiting on " + String.join(", ", undecided) + details(reports, undecided)),
                undecided);
    }

    private JudgeReport report(Outcome outcome, Phase phase, List<MetricReport> reports, String summary) {
        return new JudgeReport(
                outcome,
                phase,
                asOf,
                buckets,
                canaryRequests,
                baselineRequests,
                config.alpha(),
                config.beta(),
                reports,
                summary);
    }

    private static List<String> names(List<MetricReport> reports, Outcome outcome, boolean critical) {
        return reports.stream()
                .filter(r -> r.outcome() == outcome && r.critical() == critical)
                .map(MetricReport::metric)
                .toList();
    }

    private static String details(List<MetricReport> reports, List<String> names) {
        var text = new StringBuilder();
        for (MetricReport r : reports) {
            if (names.contains(r.metric())) {
                text.append("\n- ").append(r.metric()).append(": ").append(r.reason());
            }
        }
        return text.toString();
    }
}
