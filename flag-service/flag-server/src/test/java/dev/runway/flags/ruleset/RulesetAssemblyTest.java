package dev.runway.flags.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Segment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RulesetAssemblyTest {
    static final Ruleset RULESET = new Ruleset(
            "production",
            "1",
            List.of(flag("other"), flag("mine")),
            List.of(new Segment("staff", null, List.of("u1"), null), new Segment("beta", null, List.of("u2"), null)),
            List.of());

    static Flag flag(String key) {
        return new Flag(key, FlagType.BOOLEAN, Map.of(), "on", "off", null, null, null, null, null);
    }

    @ParameterizedTest(name = "{1} -> {2}")
    @CsvSource({
        "flag:mine, flags[1].rules[0].conditions[1].operator, environments.production.rules[0].conditions[1].operator",
        "flag:mine, flags[1].rollout.weights, environments.production.rollout.weights",
        "flag:mine, flags[1].state, environments.production.state",
        "flag:mine, flags[1].prerequisites[0].flag, environments.production.prerequisites[0].flag",
        "flag:mine, flags[1].variants.off, variants.off",
        "flag:mine, flags[1].defaultVariant, defaultVariant",
        "flag:mine, flags[1], body",
        "flag:mine, flags[0].prerequisites[0].variants[0], flags.other.environments.production.prerequisites[0].variants[0]",
        "segment:beta, segments[1].conditions[0].operator, conditions[0].operator",
        "segment:beta, segments[0].included[0], segments.staff.included[0]",
        "flag:mine, rings[0].segments[0], rings[0].segments[0]",
    })
    void violationsAreReportedAtPathsOfTheRequestBody(String subject, String enginePath, String requestPath) {
        String[] parts = subject.split(":");
        RulesetAssembly.Subject of = parts[0].equals("flag")
                ? new RulesetAssembly.Subject.OfFlag(parts[1])
                : new RulesetAssembly.Subject.OfSegment(parts[1]);
        assertThat(RulesetAssembly.requestPath(of, RULESET, "production", enginePath))
                .isEqualTo(requestPath);
    }
}
