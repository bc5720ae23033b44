package dev.runway.rollouts.machine;

/** Where a rollout is; the last three are terminal (a terminal rollout can only be retried or reverted). */
public enum RolloutState {
    /** Created; the canary has not been started yet. */
    PENDING,
    /** Walking the strategy; {@code stepIndex} says where. */
    PROGRESSING,
    /** Stopped for a human (a pause step, an inconclusive analysis or a pause action). */
    PAUSED,
    /** All steps passed or promote-now was asked: the stable version is being replaced. */
    PROMOTING,
    /** The new version is the stable version. */
    PROMOTED,
    /** Rolling back: canary weight to 0 first, then the canary is scaled down. */
    ABORTING,
    /** The canary takes no traffic and is scaled down (or a promoted release was reverted). */
    ROLLED_BACK,
    /** Something could not be carried out even after retries; the reason says what. */
    FAILED;

    public boolean terminal() {
        return this == PROMOTED || this == ROLLED_BACK || this == FAILED;
    }

    /** States in which the canary may take traffic, so the continuous analysis must be able to abort. */
    public boolean canaryLive() {
        return this == PROGRESSING || this == PAUSED;
    }
}
