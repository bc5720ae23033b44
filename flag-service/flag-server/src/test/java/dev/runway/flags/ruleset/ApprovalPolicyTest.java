package dev.runway.flags.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.FlagType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ApprovalPolicyTest {
    static FlagDocument flag(FlagState production, FlagState staging) {
        Map<String, EnvironmentConfig> environments = new LinkedHashMap<>();
        if (production != null) {
            environments.put("production", EnvironmentConfig.OFF.withState(production));
        }
        if (staging != null) {
            environments.put("staging", EnvironmentConfig.OFF.withState(staging));
        }
        return new FlagDocument(
                "f", null, FlagType.BOOLEAN, Map.of("on", true, "off", false), "on", "off", null, null, environments);
    }

    static FlagDocument withVariants(FlagDocument document, Map<String, Object> variants) {
        return new FlagDocument(
                document.key(),
                document.service(),
                document.type(),
                variants,
                document.defaultVariant(),
                document.offVariant(),
                document.salt(),
                document.description(),
                document.environments());
    }

    static Stream<Arguments> changes() {
        FlagDocument onOn = flag(FlagState.ON, FlagState.ON);
        return Stream.of(
                Arguments.of("new flag on in production", null, onOn, Set.of("production")),
                Arguments.of("new flag off in production", null, flag(FlagState.OFF, FlagState.ON), Set.of()),
                Arguments.of("new flag not listed in production", null, flag(null, FlagState.ON), Set.of()),
                Arguments.of("staging only", onOn, flag(FlagState.ON, FlagState.OFF), Set.of()),
                Arguments.of("production switched off", onOn, flag(FlagState.OFF, FlagState.ON), Set.of("production")),
                Arguments.of(
                        "variants edited",
                        onOn,
                        withVariants(onOn, Map.of("on", true, "off", false, "maybe", true)),
                        Set.of("production")),
                Arguments.of("deleted", onOn, null, Set.of("production")),
                // the owner decides who may change the flag at the front door, not what anyone is served
                Arguments.of("owner changed", onOn.withService("shop-api"), onOn.withService("billing-api"), Set.of()),
                Arguments.of("nothing changed", onOn, onOn, Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void guardedEnvironmentsAlteredByAChange(
            String name, FlagDocument before, FlagDocument after, Set<String> expected) {
        assertThat(ApprovalPolicy.environmentsNeedingApproval(before, after, List.of("production")))
                .isEqualTo(expected);
    }
}
