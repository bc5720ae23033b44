package dev.runway.rollouts.policy;

import dev.runway.rollouts.strategy.Posture;

/** Where a service's current posture comes from (the slo-engine's error-budget policy). */
public interface PostureSource {

    /**
     * The posture now, and whether it was actually read: when the source cannot be reached the caller
     * gets TIGHTEN with {@code known = false}, so a deploy still ships (an emergency fix must) but with the
     * careful strategy, never with a posture that was not checked.
     */
    PostureReading postureOf(String service);

    record PostureReading(Posture posture, boolean known, String detail) {}
}
