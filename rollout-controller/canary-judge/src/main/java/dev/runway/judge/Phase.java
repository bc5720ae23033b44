package dev.runway.judge;

/** Where the rollout step stands; only decides whether "bake over, no harm seen" may count as a pass. */
public enum Phase {
    /** The step's bake time is still running: only evidence can pass a metric. */
    BAKING,
    /** The bake time is over: a metric with enough samples and no evidence of harm passes. */
    BAKE_COMPLETE
}
