package dev.runway.judge;

/** Outcome of one metric (the verdict itself is the sealed {@link Verdict}). */
public enum Outcome {
    PASS,
    FAIL,
    INCONCLUSIVE
}
