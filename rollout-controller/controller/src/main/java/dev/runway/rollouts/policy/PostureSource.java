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

    /**
     * @param breakGlass an approved break-glass record for the service while it is FROZEN (null otherwise): who
     *     asked, who approved, why and until when
     */
    record PostureReading(Posture posture, boolean known, String detail, BreakGlassRecord breakGlass) {
        public PostureReading(Posture posture, boolean known, String detail) {
            this(posture, known, detail, null);
        }
    }

    /** The slo-engine's record that lets changes through a freeze: a second person approved it. */
    record BreakGlassRecord(
            String id, String requestedBy, String approvedBy, String justification, java.time.Instant expiresAt) {}
}
