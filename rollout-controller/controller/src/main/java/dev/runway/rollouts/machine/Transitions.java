package dev.runway.rollouts.machine;

import java.time.Instant;

/**
 * The rollout after a decision has been carried out: built in memory, written once by the reconciler
 * together with the transition record. Decisions that change nothing (wait, done) return the same rollout,
 * so the reconciler writes nothing for them.
 */
public final class Transitions {
    private Transitions() {}

    public static Rollout after(Rollout r, Decision decision, Instant now) {
        return switch (decision) {
            case Decision.StartCanary d -> r.moveTo(RolloutState.PROGRESSING, 0, now, d.reason());
            // The traffic step is done once the router holds the new split; the next step's clock starts now.
            case Decision.ShiftWeight d -> r.moveTo(RolloutState.PROGRESSING, r.stepIndex() + 1, now, d.reason());
            case Decision.ShiftAudience d -> r.moveTo(RolloutState.PROGRESSING, r.stepIndex() + 1, now, d.reason());
            case Decision.Advance d -> r.moveTo(RolloutState.PROGRESSING, d.nextStep(), now, d.reason());
            case Decision.Pause d -> r.moveTo(RolloutState.PAUSED, r.stepIndex(), now, d.reason());
            case Decision.Promote d -> r.moveTo(RolloutState.PROMOTING, r.stepIndex(), now, d.reason());
            case Decision.CompletePromotion d ->
                r.moveTo(RolloutState.PROMOTED, r.strategy().size(), now, "promoted: " + r.version() + " is stable");
            case Decision.Abort d -> r.moveTo(RolloutState.ABORTING, r.stepIndex(), now, d.reason());
            case Decision.CompleteRollback d ->
                r.moveTo(
                        RolloutState.ROLLED_BACK,
                        r.stepIndex(),
                        now,
                        d.restorePreviousStable()
                                ? "reverted: the previous stable version serves again; " + r.reason()
                                : "rolled back: canary at 0 % and scaled down; " + r.reason());
            case Decision.Fail d -> r.moveTo(RolloutState.FAILED, r.stepIndex(), now, d.reason());
            case Decision.Wait d -> r;
            case Decision.Done d -> r;
        };
    }

    /** True when applying the decision changes what is stored (and so needs a transition record). */
    public static boolean changes(Decision decision) {
        return !(decision instanceof Decision.Wait || decision instanceof Decision.Done);
    }
}
