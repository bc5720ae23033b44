package dev.runway.rollouts.machine;

import dev.runway.rollouts.strategy.Step;
import java.time.Instant;
import java.util.Set;

/**
 * A command's effect on the stored state, as a pure function. Commands only change state and reason; the
 * reconciler then carries out what the new state asks for (e.g. ABORTING: weight to 0, scale down), so a
 * command and an automatic decision go through the same code that touches the router and the driver.
 *
 * <table>
 *   <tr><th>command</th><th>allowed from</th><th>to</th></tr>
 *   <tr><td>promote</td><td>PROGRESSING, PAUSED</td><td>PROMOTING</td></tr>
 *   <tr><td>pause</td><td>PENDING, PROGRESSING</td><td>PAUSED</td></tr>
 *   <tr><td>resume</td><td>PAUSED</td><td>PROGRESSING (past a strategy pause, else the step restarts)</td></tr>
 *   <tr><td>abort</td><td>PENDING, PROGRESSING, PAUSED, PROMOTING</td><td>ABORTING</td></tr>
 *   <tr><td>retry</td><td>ROLLED_BACK (not a reverted release), FAILED</td><td>PENDING, attempt + 1</td></tr>
 *   <tr><td>rollback</td><td>PROMOTED</td><td>ABORTING, reverting to the previous stable version</td></tr>
 * </table>
 *
 * Abort is also allowed while PROMOTING: until PROMOTED is recorded the previous stable version still
 * exists, and an on-call engineer must be able to stop a promotion that is going wrong.
 */
public final class Commands {
    private Commands() {}

    public static Rollout apply(Rollout r, Command command, Instant now) {
        return switch (command) {
            case Command.Promote c -> {
                require("promote", r, Set.of(RolloutState.PROGRESSING, RolloutState.PAUSED));
                yield r.moveTo(RolloutState.PROMOTING, r.stepIndex(), now, "promote now: " + c.reason());
            }
            case Command.Pause c -> {
                require("pause", r, Set.of(RolloutState.PENDING, RolloutState.PROGRESSING));
                yield r.moveTo(RolloutState.PAUSED, r.stepIndex(), now, "paused by request: " + c.reason());
            }
            case Command.Resume c -> {
                require("resume", r, Set.of(RolloutState.PAUSED));
                boolean atStrategyPause = r.currentStep()
                        .filter(s -> s instanceof Step.Pause p && p.duration() == null)
                        .isPresent();
                int step = atStrategyPause ? r.stepIndex() + 1 : r.stepIndex();
                yield r.moveTo(RolloutState.PROGRESSING, step, now, "resumed: " + c.reason());
            }
            case Command.Abort c -> {
                require(
                        "abort",
                        r,
                        Set.of(
                                RolloutState.PENDING,
                                RolloutState.PROGRESSING,
                                RolloutState.PAUSED,
                                RolloutState.PROMOTING));
                yield r.moveTo(RolloutState.ABORTING, r.stepIndex(), now, "aborted: " + c.reason());
            }
            case Command.Retry c -> {
                require("retry", r, Set.of(RolloutState.ROLLED_BACK, RolloutState.FAILED));
                if (r.revertsPromotion()) {
                    throw new IllegalTransition("retry", r.state(), "the release was not reverted after promotion");
                }
                yield new Rollout(
                        r.id(),
                        r.service(),
                        r.version(),
                        r.strategy(),
                        RolloutState.PENDING,
                        0,
                        now,
                        r.attempt() + 1,
                        false,
                        "retry: " + c.reason());
            }
            case Command.Rollback c -> {
                require("roll back", r, Set.of(RolloutState.PROMOTED));
                yield new Rollout(
                        r.id(),
                        r.service(),
                        r.version(),
                        r.strategy(),
                        RolloutState.ABORTING,
                        r.stepIndex(),
                        now,
                        r.attempt(),
                        true,
                        "rollback of the promoted release: " + c.reason());
            }
        };
    }

    private static void require(String command, Rollout r, Set<RolloutState> allowed) {
        if (!allowed.contains(r.state())) {
            throw new IllegalTransition(command, r.state(), allowed.toString());
        }
    }
}
