package dev.runway.slo.policy.rules;

/**
 * How much risk a service may take right now. The rollout-controller and the chaos-service ask for it
 * before they act.
 */
public enum Posture {
    /** Plenty of budget left: bigger steps, shorter bakes, chaos allowed. */
    AGGRESSIVE,
    /** The configured strategy as written. */
    NORMAL,
    /** Budget is getting short: smaller steps, longer bakes, only low-risk experiments. */
    TIGHTEN,
    /** No budget left: no rollouts (except break-glass) and no chaos until the budget recovers. */
    FREEZE
}
