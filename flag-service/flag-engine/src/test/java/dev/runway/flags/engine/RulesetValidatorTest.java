package dev.runway.flags.engine;

import static dev.runway.flags.engine.Fixtures.flag;
import static dev.runway.flags.engine.Fixtures.ring;
import static dev.runway.flags.engine.Fixtures.ringRule;
import static dev.runway.flags.engine.Fixtures.rule;
import static dev.runway.flags.engine.Fixtures.ruleset;
import static dev.runway.flags.engine.Fixtures.segment;
import static dev.runway.flags.engine.Fixtures.split;
import static dev.runway.flags.engine.Fixtures.when;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.model.Condition;
import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Operator;
import dev.runway.flags.engine.model.Ruleset;
import dev.runway.flags.engine.model.Segment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RulesetValidatorTest {

    private static final Segment BETA = segment("beta", List.of("u1"), List.of());

    static Stream<Arguments> invalidRulesets() {
        return Stream.of(
                c(
                        "unknown operator",
                        ruleset(flag("f")
                                .rules(rule("r", "on", new Condition("a", "looks_like", List.of("x"))))
                                .build()),
                        "flags[0].rules[0].conditions[0].operator",
                        ViolationCode.UNKNOWN_OPERATOR),
                c(
                        "boolean flag with a string variant",
                        ruleset(flag("f")
                                .variants(Map.of("on", "yes", "off", false))
                                .build()),
                        "flags[0].variants.on",
                        ViolationCode.TYPE_MISMATCH),
                c(
                        "number flag with a boolean variant",
                        ruleset(flag("f")
                                .type(FlagType.NUMBER, Map.of("low", 1, "high", true))
                                .defaultVariant("low")
                                .offVariant("low")
                                .build()),
                        "flags[0].variants.high",
                        ViolationCode.TYPE_MISMATCH),
                c(
                        "object flag with a scalar variant",
                        ruleset(flag("f")
                                .type(FlagType.OBJECT, Map.of("a", Map.of(), "b", 3))
                                .defaultVariant("a")
                                .offVariant("a")
                                .build()),
                        "flags[0].variants.b",
                        ViolationCode.TYPE_MISMATCH),
                c(
                        "null variant value",
                        ruleset(flag("f").variants(nullValued("on")).build()),
                        "flags[0].variants.on",
                        ViolationCode.TYPE_MISMATCH),
                c(
                        "default variant missing",
                        ruleset(flag("f").defaultVariant(null).build()),
                        "flags[0].defaultVariant",
                        ViolationCode.REQUIRED),
                c(
                        "default variant not defined",
                        ruleset(flag("f").defaultVariant("maybe").build()),
                        "flags[0].defaultVariant",
                        ViolationCode.UNKNOWN_VARIANT),
                c(
                        "off variant not defined",
                        ruleset(flag("f").offVariant("nope").build()),
                        "flags[0].offVariant",
                        ViolationCode.UNKNOWN_VARIANT),
                c(
                        "served variant not defined",
                        ruleset(flag("f").rules(rule("r", "ghost")).build()),
                        "flags[0].rules[0].serve.variant",
                        ViolationCode.UNKNOWN_VARIANT),
                c(
                        "weights not summing to 10000",
                        ruleset(flag("f")
                                .rollout(split("on", 5000, "off", 4000))
                                .build()),
                        "flags[0].rollout.weights",
                        ViolationCode.INVALID_WEIGHTS),
                c(
                        "negative weight",
                        ruleset(flag("f")
                                .rollout(split("on", -100, "off", 10_100))
                                .build()),
                        "flags[0].rollout.weights[0].basisPoints",
                        ViolationCode.INVALID_WEIGHTS),
                c(
                        "variant weighted twice",
                        ruleset(flag("f").rollout(split("on", 5000, "on", 5000)).build()),
                        "flags[0].rollout.weights[1].variant",
                        ViolationCode.DUPLICATE_KEY),
                c(
                        "invalid regex",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("email", Operator.MATCHES, "([a-z]+")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.INVALID_REGEX),
                c(
                        "backreference is not RE2",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("email", Operator.MATCHES, "(a)\\1")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.INVALID_REGEX),
                c(
                        "regex too long",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("email", Operator.MATCHES, "a".repeat(257))))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.REGEX_TOO_LONG),
                c(
                        "unknown segment in a rule",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when(null, Operator.IN_SEGMENT, "ghosts")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.UNKNOWN_SEGMENT),
                c(
                        "unknown segment in a ring",
                        ruleset(List.of(flag("f").build()), List.of(), List.of(ring("ring0", "ghosts"))),
                        "rings[0].segments[0]",
                        ViolationCode.UNKNOWN_SEGMENT),
                c(
                        "unknown ring",
                        ruleset(
                                List.of(flag("f")
                                        .rules(ringRule("r", "ring9", "on"))
                                        .build()),
                                List.of(BETA),
                                List.of(ring("ring0", "beta"))),
                        "flags[0].rules[0].upToRing",
                        ViolationCode.UNKNOWN_RING),
                c(
                        "prerequisite on itself",
                        ruleset(flag("f").requires("f", "on").build()),
                        "flags[0].prerequisites[0].flag",
                        ViolationCode.PREREQUISITE_CYCLE),
                c(
                        "prerequisite cycle of three",
                        ruleset(
                                flag("a").requires("b", "on").build(),
                                flag("b").requires("c", "on").build(),
                                flag("c").requires("a", "on").build()),
                        "flags[0].prerequisites",
                        ViolationCode.PREREQUISITE_CYCLE),
                c(
                        "unknown prerequisite flag",
                        ruleset(flag("f").requires("ghost", "on").build()),
                        "flags[0].prerequisites[0].flag",
                        ViolationCode.UNKNOWN_FLAG),
                c(
                        "prerequisite variant not defined on the required flag",
                        ruleset(
                                flag("a").build(),
                                flag("b").requires("a", "maybe").build()),
                        "flags[1].prerequisites[0].variants[0]",
                        ViolationCode.UNKNOWN_VARIANT),
                c(
                        "segment cycle",
                        ruleset(
                                List.of(flag("f").build()),
                                List.of(
                                        segment("s1", List.of(), List.of(), when(null, Operator.IN_SEGMENT, "s2")),
                                        segment("s2", List.of(), List.of(), when(null, Operator.IN_SEGMENT, "s1"))),
                                List.of()),
                        "segments[0].conditions",
                        ViolationCode.SEGMENT_CYCLE),
                c(
                        "numeric operator with a non-number",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("age", Operator.GT, "old")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.INVALID_OPERAND),
                c(
                        "semver operator with a non-version",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("v", Operator.SEMVER_GT, "latest")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.INVALID_OPERAND),
                c(
                        "date operator with a non-date",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("d", Operator.BEFORE, "soon")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values[0]",
                        ViolationCode.INVALID_OPERAND),
                c(
                        "single-value operator with two values",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("a", Operator.EQUALS, "x", "y")))
                                .build()),
                        "flags[0].rules[0].conditions[0].values",
                        ViolationCode.INVALID_OPERAND),
                c(
                        "operator without values",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when("a", Operator.IN)))
                                .build()),
                        "flags[0].rules[0].conditions[0].values",
                        ViolationCode.INVALID_OPERAND),
                c(
                        "attribute operator without attribute",
                        ruleset(flag("f")
                                .rules(rule("r", "on", when(null, Operator.EQUALS, "x")))
                                .build()),
                        "flags[0].rules[0].conditions[0].attribute",
                        ViolationCode.REQUIRED),
                c(
                        "duplicate flag key",
                        ruleset(flag("f").build(), flag("f").build()),
                        "flags[1].key",
                        ViolationCode.DUPLICATE_KEY),
                c(
                        "duplicate rule id",
                        ruleset(flag("f")
                                .rules(rule("r", "on"), rule("r", "off"))
                                .build()),
                        "flags[0].rules[1].id",
                        ViolationCode.DUPLICATE_KEY),
                c(
                        "missing flag type",
                        ruleset(flag("f")
                                .type(null, Map.of("on", true, "off", false))
                                .build()),
                        "flags[0].type",
                        ViolationCode.REQUIRED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRulesets")
    void reportsTheFieldPathAndReason(String name, Ruleset ruleset, String path, ViolationCode code) {
        List<Violation> violations = RulesetValidator.validate(ruleset);
        assertThat(violations).as("violations of: %s", name).anySatisfy(violation -> {
            assertThat(violation.path()).isEqualTo(path);
            assertThat(violation.code()).isEqualTo(code);
            assertThat(violation.message()).isNotBlank();
        });
    }

    @Test
    void validRulesetHasNoViolations() {
        Flag flag = flag("f")
                .requires("base", "on")
                .rules(
                        rule(
                                "staff",
                                "on",
                                when("email", Operator.MATCHES, "@runway\\.dev$"),
                                when(null, Operator.IN_SEGMENT, "beta")),
                        ringRule("rings", "ring0", "on"))
                .rollout(split("on", 2500, "off", 7500))
                .build();
        Ruleset ruleset = ruleset(List.of(flag("base").build(), flag), List.of(BETA), List.of(ring("ring0", "beta")));
        assertThat(RulesetValidator.validate(ruleset)).isEmpty();
    }

    @Test
    void cycleMessageNamesTheCycle() {
        List<Violation> violations = RulesetValidator.validate(ruleset(
                flag("a").requires("b", "on").build(),
                flag("b").requires("a", "on").build()));
        assertThat(violations)
                .extracting(Violation::message)
                .contains("flag cycle: a -> b -> a", "flag cycle: b -> a -> b");
    }

    @Test
    void prerequisiteChainDeeperThanTheLimitIsTooDeep() {
        List<Flag> chain = new ArrayList<>();
        int length = RulesetValidator.MAX_DEPTH + 2;
        for (int i = 0; i < length; i++) {
            Fixtures.FlagSpec spec = flag("f" + i);
            if (i > 0) {
                spec.requires("f" + (i - 1), "off");
            }
            chain.add(spec.build());
        }
        Ruleset ruleset = ruleset(chain, List.of(), List.of());
        assertThat(RulesetValidator.validate(ruleset))
                .extracting(Violation::path, Violation::code)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "flags[" + (length - 1) + "].prerequisites", ViolationCode.TOO_DEEP));
        FlagEngine engine = FlagEngine.load(ruleset);
        assertThat(Fixtures.outcome(engine.evaluate("f" + (length - 1), EvaluationContext.EMPTY)))
                .isEqualTo("PARSE_ERROR");
        assertThat(Fixtures.outcome(engine.evaluate("f" + (length - 2), EvaluationContext.EMPTY)))
                .isEqualTo("off");
    }

    @Test
    void nullsInsteadOfObjectsAreViolationsNotExceptions() {
        Ruleset ruleset =
                new Ruleset("e", "r", Arrays.asList(null, flag("f").build()), Arrays.asList((Segment) null), null);
        assertThat(RulesetValidator.validate(ruleset))
                .extracting(Violation::path)
                .containsExactly("segments[0]", "flags[0]");
        assertThat(RulesetValidator.validate(null)).extracting(Violation::code).containsExactly(ViolationCode.REQUIRED);
    }

    private static Map<String, Object> nullValued(String variant) {
        Map<String, Object> variants = new HashMap<>();
        variants.put(variant, null);
        variants.put("off", false);
        return variants;
    }

    private static Arguments c(String name, Ruleset ruleset, String path, ViolationCode code) {
        return Arguments.of(name, ruleset, path, code);
    }
}
