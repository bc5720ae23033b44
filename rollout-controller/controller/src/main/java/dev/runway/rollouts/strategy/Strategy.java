package dev.runway.rollouts.strategy;

import java.util.List;

/** An ordered list of steps; the rollout promotes after the last one. Build it through {@link Strategies}. */
public record Strategy(String name, List<Step> steps) {
    public Strategy {
        steps = List.copyOf(steps);
    }

    public int size() {
        return steps.size();
    }

    public Step step(int index) {
        return steps.get(index);
    }
}
