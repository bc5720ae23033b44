package dev.runway.rollouts.policy;

import dev.runway.rollouts.strategy.Posture;

/** Every service NORMAL: used until a slo-engine URL is configured. */
final class FixedPostureSource implements PostureSource {
    @Override
    public PostureReading postureOf(String service) {
        return new PostureReading(Posture.NORMAL, true, "no slo-engine configured: NORMAL");
    }
}
