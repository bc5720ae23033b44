package dev.runway.rollouts.rollout;

import dev.runway.judge.JudgeReport;
import java.util.List;

/** What is recorded beside a state change: which decision or command caused it and the analysis behind it. */
record TransitionNote(String decision, List<String> failedMetrics, JudgeReport report) {
    TransitionNote {
        failedMetrics = failedMetrics == null ? List.of() : List.copyOf(failedMetrics);
    }

    static TransitionNote of(String decision) {
        return new TransitionNote(decision, List.of(), null);
    }
}
