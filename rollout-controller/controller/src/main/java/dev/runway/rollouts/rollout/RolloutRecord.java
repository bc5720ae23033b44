package dev.runway.rollouts.rollout;

import dev.runway.rollouts.machine.Rollout;
import java.time.Instant;

/**
 * A stored rollout: the state machine's part plus what was asked for and the judge's latest report.
 *
 * @param revision bumped on every write; writes compare-and-set on it so that a command and the reconciler
 *     (or two replicas) never both act on one revision
 * @param lastReport the judge's newest report as JSON text (null before the first canary request)
 * @param analysisFrom when the canary of the current attempt started; the analysis replays from here
 * @param previousUpstream the stable pool before this rollout (static services), for a revert
 */
record RolloutRecord(
        Rollout rollout,
        String artifact,
        String commitSha,
        Instant commitTime,
        String canaryUpstream,
        String previousVersion,
        String posture,
        long revision,
        String lastReport,
        Instant analysisFrom,
        String previousUpstream,
        Instant createdAt,
        Instant updatedAt) {

    String id() {
        return rollout.id();
    }
}
