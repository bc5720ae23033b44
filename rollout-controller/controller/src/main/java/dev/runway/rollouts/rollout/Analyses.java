package dev.runway.rollouts.rollout;

import dev.runway.judge.CanaryAnalysis;
import dev.runway.judge.CanaryJudge;
import dev.runway.judge.JudgeConfig;
import dev.runway.judge.Observation;
import dev.runway.judge.Phase;
import dev.runway.judge.Verdict;
import dev.runway.rollouts.analysis.MetricsProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The continuous analysis of each live rollout: one judge run per rollout attempt, fed every complete
 * bucket from the canary's start on, not only at step boundaries. Kept in memory and rebuilt by replaying
 * the metrics store from {@code analysis_from} when the controller (re)starts or leadership moves: the
 * judge is deterministic, so a replay reaches the same state the dead controller had.
 *
 * <p>One run per attempt rather than per step: the judge conditions on each bucket's totals, so weight
 * changes between steps do not bias it, and a single run spends its false-alarm budget once instead of once
 * per step.
 */
final class Analyses {
    /** A bucket is read only once every gateway replica has flushed it (they flush at each 5 s boundary). */
    static final Duration SETTLE = Duration.ofSeconds(2);

    static final int BUCKET_SECONDS = 5;

    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    private static final class Run {
        final String key;
        final CanaryAnalysis analysis;
        Instant readUpTo;
        long canaryRequests;

        Run(String key, CanaryAnalysis analysis, Instant from) {
            this.key = key;
            this.analysis = analysis;
            this.readUpTo = from;
        }
    }

    /** The two verdicts the state machine needs, or nulls before the first canary request. */
    record Verdicts(Verdict baking, Verdict bakeComplete, boolean advanced) {}

    Verdicts update(
            String rolloutId,
            int attempt,
            Instant analysisFrom,
            JudgeConfig config,
            MetricsProvider provider,
            String route,
            Instant now) {
        String key = rolloutId + "#" + attempt;
        Run run = runs.compute(
                rolloutId,
                (id, existing) -> existing != null && existing.key.equals(key)
                        ? existing
                        : new Run(key, new CanaryJudge(config).start(), alignDown(analysisFrom)));
        Instant to = provider.completeUpTo(run.readUpTo, alignDown(now.minus(SETTLE)));
        boolean advanced = false;
        if (to.isAfter(run.readUpTo)) {
            List<Observation> buckets = provider.read(route, run.readUpTo, to);
            for (Observation o : buckets) {
                run.analysis.add(o);
                run.canaryRequests += o.canary().requests();
            }
            run.readUpTo = to;
            advanced = !buckets.isEmpty();
        }
        if (run.canaryRequests == 0) {
            return new Verdicts(null, null, advanced);
        }
        return new Verdicts(run.analysis.verdict(Phase.BAKING), run.analysis.verdict(Phase.BAKE_COMPLETE), advanced);
    }

    void forget(String rolloutId) {
        runs.remove(rolloutId);
    }

    void clear() {
        runs.clear();
    }

    static Instant alignDown(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS);
    }
}
