package dev.runway.rollouts.machine;

/** A command that the rollout's current state does not allow; the API answers 409 with this message. */
public final class IllegalTransition extends RuntimeException {
    private final RolloutState state;

    IllegalTransition(String command, RolloutState state, String allowed) {
        super("cannot " + command + " a rollout that is " + state + " (allowed when " + allowed + ")");
        this.state = state;
    }

    public RolloutState state() {
        return state;
    }
}
