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
 * @param consecutiveFailures reconcile passes in a row that failed to carry out a decision (0 when healthy)
 * @param lastError the newest of those failures, kept until a pass succeeds
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
        Instant updatedAt,
        int consecutiveFailures,
        String lastError) {

    String id() {
        return rollout.id();
    }
}
