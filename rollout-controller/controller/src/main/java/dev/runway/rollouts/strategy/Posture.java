package dev.runway.rollouts.strategy;

/**
 * How much risk a service may take now, as the slo-engine's error-budget policy says. Decides at creation
 * whether a rollout may start and which built-in strategy it gets.
 */
public enum Posture {
    /** Plenty of budget: fewer, shorter steps. */
    AGGRESSIVE,
    NORMAL,
    /** Budget burning: smaller steps and longer bakes. */
    TIGHTEN,
    /** Budget exhausted: no rollout unless break-glass. */
    FREEZE
}
