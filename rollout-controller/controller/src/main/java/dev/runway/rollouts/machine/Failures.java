package dev.runway.rollouts.machine;

import java.util.List;
import java.util.Optional;

/**
 * What to do when carrying out a rollout's decisions keeps failing (router, driver or metrics unreachable or
 * refusing). Below the limit: nothing, the next tick retries (effects are idempotent). At the limit:
 *
 * <ul>
 *   <li>PENDING: FAILED — the canary never started, nothing to undo;
 *   <li>PROGRESSING, PAUSED, PROMOTING: abort — a rollout that cannot be driven must not stay half-way with
 *       canary traffic; the rollback is then retried on its own;
 *   <li>ABORTING: keep retrying forever — giving up a rollback would leave a bad canary live.
 * </ul>
 */
public final class Failures {
    private Failures() {}

    public static Optional<Decision> after(Rollout r, int consecutiveFailures, int limit, String error) {
        if (consecutiveFailures < limit) {
            return Optional.empty();
        }
        String why = consecutiveFailures + " attempts in a row failed: " + error;
        return switch (r.state()) {
            case PENDING -> Optional.of(new Decision.Fail("could not start the canary; " + why));
            case PROGRESSING, PAUSED, PROMOTING ->
                Optional.of(
                        new Decision.Abort("could not carry out " + Decider.where(r) + "; " + why, List.of(), null));
            case ABORTING, PROMOTED, ROLLED_BACK, FAILED -> Optional.empty();
        };
    }
}
