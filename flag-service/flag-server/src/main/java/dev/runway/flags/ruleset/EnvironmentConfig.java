package dev.runway.flags.ruleset;

import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.Prerequisite;
import dev.runway.flags.engine.model.Rule;
import dev.runway.flags.engine.model.Serve;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One environment's switch and targeting of a flag.
 *
 * @param state on, off or killed; {@code null} reads as off (a new environment never exposes anyone)
 * @param prerequisites flags that must evaluate to given variants
 * @param rules ordered targeting rules
 * @param rollout split for everyone no rule matched, or {@code null}
 */
public record EnvironmentConfig(
        FlagState state, List<Prerequisite> prerequisites, List<Rule> rules, Serve.Split rollout) {
    public static final EnvironmentConfig OFF = new EnvironmentConfig(FlagState.OFF, List.of(), List.of(), null);

    public EnvironmentConfig {
        state = state == null ? FlagState.OFF : state;
        prerequisites =
                prerequisites == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(prerequisites));
        rules = rules == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(rules));
    }

    public EnvironmentConfig withState(FlagState newState) {
        return new EnvironmentConfig(newState, prerequisites, rules, rollout);
    }

    public EnvironmentConfig withRollout(Serve.Split newRollout) {
        return new EnvironmentConfig(state, prerequisites, rules, newRollout);
    }
}
