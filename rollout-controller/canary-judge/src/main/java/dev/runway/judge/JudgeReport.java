package dev.runway.judge;

import java.time.Instant;
import java.util.List;

/**
 * The full, serialisable account behind a {@link Verdict}: one {@link MetricReport} per metric plus the
 * totals the verdict was reached on.
 *
 * @param asOf end of the newest bucket judged (null when nothing was observed yet)
 */
public record JudgeReport(
        Outcome outcome,
        Phase phase,
        Instant asOf,
        int buckets,
        long canaryRequests,
        long baselineRequests,
        double alpha,
        double beta,
        List<MetricReport> metrics,
        String summary) {

    public JudgeReport {
        metrics = List.copyOf(metrics);
    }
}
