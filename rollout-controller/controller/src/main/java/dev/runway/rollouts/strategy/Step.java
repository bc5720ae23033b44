package dev.runway.rollouts.strategy;

import java.time.Duration;

/**
 * One step of a rollout strategy. A closed set: the state machine switches over it exhaustively, so a new
 * step type cannot be added without deciding what every state does with it.
 */
public sealed interface Step permits Step.SetAudience, Step.SetWeight, Step.Bake, Step.Analyze, Step.Pause {

    /** Short text for transition reasons and the console. */
    String describe();

    /**
     * Routes the audience rings 0..{@code ring} to the canary whatever the weight (ring 0 is the owning team,
     * then employees, then beta users); the rings themselves are defined on the service.
     */
    record SetAudience(int ring) implements Step {
        @Override
        public String describe() {
            return "audience up to ring " + ring;
        }
    }

    /** Sends {@code percent} of the remaining traffic to the canary (sticky per user at the router). */
    record SetWeight(int percent) implements Step {
        @Override
        public String describe() {
            return "weight " + percent + " %";
        }
    }

    /**
     * Lets the current traffic split run for {@code duration}. The continuous analysis keeps judging
     * meanwhile, so a failing canary is rolled back during the bake, not at its end.
     */
    record Bake(Duration duration) implements Step {
        @Override
        public String describe() {
            return "bake " + duration;
        }
    }

    /**
     * Gate: waits for the judge's verdict with the bake counted as complete. PASS goes on, FAIL rolls back,
     * INCONCLUSIVE (too little traffic or evidence) keeps waiting for up to {@code extendUpTo} and then
     * pauses for a human: too little data never passes silently.
     */
    record Analyze(Duration extendUpTo) implements Step {
        @Override
        public String describe() {
            return "analysis (extend up to " + extendUpTo + ")";
        }
    }

    /**
     * Stops for a human ({@code duration} null: until resumed) or for a fixed time. The analysis keeps
     * running during a pause because the canary still takes traffic.
     */
    record Pause(Duration duration) implements Step {
        @Override
        public String describe() {
            return duration == null ? "pause until resumed" : "pause " + duration;
        }
    }
}
