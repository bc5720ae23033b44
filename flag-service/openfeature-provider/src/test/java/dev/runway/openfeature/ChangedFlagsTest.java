package dev.runway.openfeature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Ruleset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangedFlagsTest {
    static Flag flag(String key, FlagState state) {
        return new Flag(
                key, FlagType.BOOLEAN, Map.of("on", true, "off", false), "on", "off", state, null, null, null, null);
    }

    static Ruleset ruleset(Flag... flags) {
        return new Ruleset("production", "1", List.of(flags), List.of(), List.of());
    }

    @Test
    void namesChangedAddedAndRemovedFlagsOnly() {
        Ruleset before = ruleset(flag("same", FlagState.ON), flag("killed", FlagState.ON), flag("gone", FlagState.ON));
        Ruleset after =
                ruleset(flag("same", FlagState.ON), flag("killed", FlagState.KILLED), flag("new", FlagState.ON));
        assertThat(RunwayProvider.changedFlags(before, after)).containsExactlyInAnyOrder("killed", "new", "gone");
    }

    @Test
    void theFirstRulesetChangesEveryFlag() {
        assertThat(RunwayProvider.changedFlags(null, ruleset(flag("a", FlagState.ON))))
                .containsExactly("a");
    }
}
