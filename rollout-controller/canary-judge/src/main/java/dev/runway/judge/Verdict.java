package dev.runway.judge;

import java.util.List;

/**
 * The judge's decision as a value: the controller switches over it and applies it (promote, roll back,
 * keep baking or pause for a human). Every variant carries the full report.
 */
public sealed interface Verdict permits Verdict.Pass, Verdict.Fail, Verdict.Inconclusive {

    JudgeReport report();

    default String reason() {
        return report().summary();
    }

    /** Enough evidence, or a completed bake with enough samples, and no metric failed beyond tolerance. */
    record Pass(JudgeReport report) implements Verdict {}

    /** A critical metric failed, or more non-critical metrics than tolerated: roll back. */
    record Fail(JudgeReport report, List<String> failedMetrics) implements Verdict {
        public Fail {
            failedMetrics = List.copyOf(failedMetrics);
        }
    }

    /** Not enough data or evidence yet; never a silent pass. */
    record Inconclusive(JudgeReport report, List<String> undecidedMetrics) implements Verdict {
        public Inconclusive {
            undecidedMetrics = List.copyOf(undecidedMetrics);
        }
    }
}
