package dev.runway.rollouts.notify;

import java.time.Instant;

/** Tells people about a rollout's state changes (chat webhooks today). Must not block or throw. */
public interface RolloutNotifier {

    void stateChanged(StateChange change);

    /** One committed transition. */
    record StateChange(
            String rolloutId,
            String service,
            String version,
            String from,
            String to,
            String reason,
            String actor,
            Instant at) {}
}
