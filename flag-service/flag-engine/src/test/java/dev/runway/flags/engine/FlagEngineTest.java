package dev.runway.flags.engine;

import static dev.runway.flags.engine.Fixtures.engine;
import static dev.runway.flags.engine.Fixtures.flag;
import static dev.runway.flags.engine.Fixtures.outcome;
import static dev.runway.flags.engine.Fixtures.ring;
import static dev.runway.flags.engine.Fixtures.ringRule;
import static dev.runway.flags.engine.Fixtures.rule;
import static dev.runway.flags.engine.Fixtures.ruleset;
import static dev.runway.flags.engine.Fixtures.segment;
import static dev.runway.flags.engine.Fixtures.split;
import static dev.runway.flags.engine.Fixtures.splitBy;
import static dev.runway.flags.engine.Fixtures.splitRule;
import static dev.runway.flags.engine.Fixtures.user;
import static dev.runway.flags.engine.Fixtures.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.runway.flags.engine.model.Flag;
import dev.runway.flags.engine.model.FlagState;
import dev.runway.flags.engine.model.FlagType;
import dev.runway.flags.engine.model.Operator;
import dev.runway.flags.engine.model.Ring;
import dev.runway.flags.engine.model.Segment;
import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlagEngineTest {

    @Nested
    class RulesAndReasons {

        private final FlagEngine engine = engine(flag("checkout")
                .type(FlagType.STRING, Map.of("v1", "classic", "v2", "new", "v3", "experimental"))
                .defaultVariant("v1")
                .offVariant("v1")
                .rules(
                        rule("staff", "v3", when("email", Operator.ENDS_WITH, "@runway.dev")),
                        rule("germany", "v2", when("country", Operator.EQUALS, "DE")),
                        rule("germany-staff-never-reached", "v1", when("country", Operator.EQUALS, "DE")))
                .build());

        static Stream<Arguments> ruleOrderCases() {
            return Stream.of(
                    Arguments.of(
                            "first rule wins when several match",
                            user("a", "email", "a@runway.dev", "country", "DE"),
                            "v3",
                            0),
                    Arguments.of("second rule when only it matches", user("b", "country", "DE"), "v2", 1),
                    Arguments.of("default when none matches", user("c", "country", "FR"), "v1", -1));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("ruleOrderCases")
        void firstMatchingRuleDecides(String name, EvaluationContext context, String variant, int ruleIndex) {
            Evaluation.Resolved resolved = (Evaluation.Resolved) engine.evaluate("checkout", context);
            assertThat(resolved.variant()).isEqualTo(variant);
            assertThat(resolved.reason())
                    .isEqualTo(
                            ruleIndex < 0
                                    ? Reason.DEFAULT
                                    : new Reason.TargetingMatch(
                                            ruleIndex,
                                            List.of("staff", "germany").get(ruleIndex)));
        }

        @Test
        void servedValueIsTheVariantsValue() {
            Evaluation.Resolved resolved =
                    (Evaluation.Resolved) engine.evaluate("checkout", user("b", "country", "DE"));
            assertThat(resolved.value()).isEqualTo("new");
            assertThat(resolved.type()).isEqualTo(FlagType.STRING);
            assertThat(resolved.ofrepReason()).isEqualTo("TARGETING_MATCH");
        }

        @Test
        void ruleConditionsAreAllRequired() {
            FlagEngine both = engine(flag("f")
                    .rules(rule(
                            "r", "on", when("country", Operator.EQUALS, "DE"), when("plan", Operator.EQUALS, "pro")))
                    .build());
            assertThat(outcome(both.evaluate("f", user("u", "country", "DE", "plan", "pro"))))
                    .isEqualTo("on");
            assertThat(outcome(both.evaluate("f", user("u", "country", "DE", "plan", "free"))))
                    .isEqualTo("off");
        }

        @Test
        void ruleWithoutConditionsMatchesEveryone() {
            FlagEngine all = engine(flag("f").rules(rule("everyone", "on")).build());
            assertThat(outcome(all.evaluate("f", EvaluationContext.EMPTY))).isEqualTo("on");
        }

        @Test
        void flagWithoutRulesIsStatic() {
            Evaluation evaluation =
                    engine(flag("f").defaultVariant("on").build()).evaluate("f", EvaluationContext.EMPTY);
            assertThat(evaluation).isEqualTo(new Evaluation.Resolved("f", FlagType.BOOLEAN, true, "on", Reason.STATIC));
            assertThat(evaluation.ofrepReason()).isEqualTo("STATIC");
        }

        @Test
        void conditionsCanTestTheTargetingKey() {
            FlagEngine keyed = engine(flag("f")
                    .rules(rule("r", "on", when(EvaluationContext.TARGETING_KEY, Operator.STARTS_WITH, "test-")))
                    .build());
            assertThat(outcome(keyed.evaluate("f", EvaluationContext.of("test-1"))))
                    .isEqualTo("on");
            assertThat(outcome(keyed.evaluate("f", EvaluationContext.of("prod-1"))))
                    .isEqualTo("off");
        }

        @Test
        void objectVariantValuesAreImmutable() {
            Map<String, Object> nested =
                    new HashMap<>(Map.of("limit", 3, "tags", new java.util.ArrayList<>(List.of("a"))));
            FlagEngine objects = engine(flag("cfg")
                    .type(FlagType.OBJECT, Map.of("small", nested, "none", Map.of()))
                    .defaultVariant("small")
                    .offVariant("none")
                    .build());
            Map<?, ?> value =
                    (Map<?, ?>) ((Evaluation.Resolved) objects.evaluate("cfg", EvaluationContext.EMPTY)).value();
            nested.put("limit", 99);
            assertThat(value.get("limit")).isEqualTo(3);
            assertThatCode(() -> ((List<Object>) value.get("tags")).add("b"))
                    .isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class Splits {

        @Test
        void ruleSplitReportsTheRuleAndBucketsByTargetingKey() {
            FlagEngine engine = engine(flag("f")
                    .rules(splitRule("half", split("on", 5000, "off", 5000), when("beta", Operator.EQUALS, true)))
                    .build());
            String expected = Bucketing.bucket("f", "user-1") < 5000 ? "on" : "off";
            Evaluation.Resolved resolved = (Evaluation.Resolved) engine.evaluate("f", user("user-1", "beta", true));
            assertThat(resolved.variant()).isEqualTo(expected);
            assertThat(resolved.reason()).isEqualTo(new Reason.Split(0, "half"));
            assertThat(resolved.ofrepReason()).isEqualTo("SPLIT");
        }

        @Test
        void rolloutAppliesToEveryoneNoRuleMatched() {
            FlagEngine engine =
                    engine(flag("f").rollout(split("on", 10_000, "off", 0)).build());
            Evaluation.Resolved resolved = (Evaluation.Resolved) engine.evaluate("f", EvaluationContext.of("anyone"));
            assertThat(resolved.variant()).isEqualTo("on");
            assertThat(resolved.reason()).isEqualTo(new Reason.Split(-1, null));
        }

        @Test
        void zeroWeightVariantIsNeverServed() {
            FlagEngine engine =
                    engine(flag("f").rollout(split("on", 0, "off", 10_000)).build());
            for (int i = 0; i < 1_000; i++) {
                assertThat(outcome(engine.evaluate("f", EvaluationContext.of("u" + i))))
                        .isEqualTo("off");
            }
        }

        @Test
        void splitWithoutTargetingKeyFailsWithTargetingKeyMissing() {
            FlagEngine engine =
                    engine(flag("f").rollout(split("on", 5000, "off", 5000)).build());
            assertThat(outcome(engine.evaluate("f", EvaluationContext.EMPTY))).isEqualTo("TARGETING_KEY_MISSING");
            assertThat(outcome(engine.evaluate("f", EvaluationContext.of("")))).isEqualTo("TARGETING_KEY_MISSING");
        }

        @Test
        void splitCanBucketByAnotherAttributeWithTheSameFormula() {
            FlagEngine engine = engine(flag("f")
                    .rollout(splitBy("companyId", "on", 5000, "off", 5000))
                    .build());
            String expected = Bucketing.bucket("f", "4711") < 5000 ? "on" : "off";
            assertThat(outcome(engine.evaluate("f", user("u1", "companyId", 4711))))
                    .isEqualTo(expected);
            assertThat(outcome(engine.evaluate("f", user("u2", "companyId", "4711"))))
                    .isEqualTo(expected);
            assertThat(outcome(engine.evaluate("f", user("u3")))).isEqualTo("TARGETING_KEY_MISSING");
        }

        @Test
        void saltReplacesTheFlagKeyAsBucketingSeed() {
            FlagEngine engine = engine(
                    flag("f").salt("s1").rollout(split("on", 5000, "off", 5000)).build());
            for (int i = 0; i < 200; i++) {
                String expected = Bucketing.bucket("s1", "u" + i) < 5000 ? "on" : "off";
                assertThat(outcome(engine.evaluate("f", EvaluationContext.of("u" + i))))
                        .isEqualTo(expected);
            }
        }
    }

    @Nested
    class Segments {

        private final Segment employees = segment(
                "employees",
                List.of("contractor-7"),
                List.of("intern-3"),
                when("email", Operator.ENDS_WITH, "@runway.dev"));
        private final Segment onlyListed = segment("vips", List.of("vip-1"), List.of());
        private final Segment germanEmployees = segment(
                "german-employees",
                List.of(),
                List.of(),
                when(null, Operator.IN_SEGMENT, "employees"),
                when("country", Operator.EQUALS, "DE"));

        private FlagEngine engineFor(String operator, String... segmentKeys) {
            Flag flag = flag("f")
                    .rules(rule(
                            "seg", "on", new dev.runway.flags.engine.model.Condition(null, operator, List.of((Object[])
                                    segmentKeys))))
                    .build();
            return FlagEngine.load(ruleset(List.of(flag), List.of(employees, onlyListed, germanEmployees), List.of()));
        }

        static Stream<Arguments> membership() {
            return Stream.of(
                    Arguments.of("segment rules match", user("ana", "email", "ana@runway.dev"), "employees", "on"),
                    Arguments.of(
                            "segment rules do not match", user("bob", "email", "bob@example.com"), "employees", "off"),
                    Arguments.of(
                            "included key is a member without matching rules", user("contractor-7"), "employees", "on"),
                    Arguments.of(
                            "excluded key is never a member",
                            user("intern-3", "email", "i@runway.dev"),
                            "employees",
                            "off"),
                    Arguments.of("segment without conditions is only its include list", user("someone"), "vips", "off"),
                    Arguments.of("include list of a condition-less segment", user("vip-1"), "vips", "on"),
                    Arguments.of(
                            "nested segment and own condition",
                            user("x", "email", "x@runway.dev", "country", "DE"),
                            "german-employees",
                            "on"),
                    Arguments.of(
                            "nested segment but other country",
                            user("x", "email", "x@runway.dev", "country", "FR"),
                            "german-employees",
                            "off"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("membership")
        void inSegmentFollowsMembership(String name, EvaluationContext context, String segmentKey, String variant) {
            assertThat(outcome(engineFor("in_segment", segmentKey).evaluate("f", context)))
                    .isEqualTo(variant);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("membership")
        void notInSegmentIsTheComplement(String name, EvaluationContext context, String segmentKey, String variant) {
            String complement = variant.equals("on") ? "off" : "on";
            assertThat(outcome(engineFor("not_in_segment", segmentKey).evaluate("f", context)))
                    .isEqualTo(complement);
        }

        @Test
        void inAnyOfSeveralSegments() {
            FlagEngine engine = engineFor("in_segment", "vips", "employees");
            assertThat(outcome(engine.evaluate("f", user("vip-1")))).isEqualTo("on");
            assertThat(outcome(engine.evaluate("f", user("z", "email", "z@runway.dev"))))
                    .isEqualTo("on");
            assertThat(outcome(engine.evaluate("f", user("z")))).isEqualTo("off");
        }
    }

    @Nested
    class Rings {

        private final List<Segment> audiences = List.of(
                segment("team", List.of("lead"), List.of()),
                segment("staff", List.of(), List.of(), when("email", Operator.ENDS_WITH, "@runway.dev")),
                segment("beta-testers", List.of(), List.of(), when("beta", Operator.EQUALS, true)));
        private final List<Ring> rings =
                List.of(ring("ring0", "team"), ring("ring1", "staff"), ring("ring2", "beta-testers"));

        private FlagEngine exposedUpTo(String ring) {
            Flag flag =
                    flag("new-ui").rules(ringRule("progressive", ring, "on")).build();
            return FlagEngine.load(ruleset(List.of(flag), audiences, rings));
        }

        static Stream<Arguments> exposure() {
            EvaluationContext lead = user("lead");
            EvaluationContext employee = user("e", "email", "e@runway.dev");
            EvaluationContext tester = user("t", "beta", true);
            EvaluationContext customer = user("c", "email", "c@example.com");
            return Stream.of(
                    Arguments.of(
                            "ring0 exposes the team",
                            "ring0",
                            Map.of(lead, "on", employee, "off", tester, "off", customer, "off")),
                    Arguments.of(
                            "ring1 adds employees",
                            "ring1",
                            Map.of(lead, "on", employee, "on", tester, "off", customer, "off")),
                    Arguments.of(
                            "ring2 adds beta testers",
                            "ring2",
                            Map.of(lead, "on", employee, "on", tester, "on", customer, "off")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("exposure")
        void exposureUpToARingServesRingsZeroToN(String name, String ring, Map<EvaluationContext, String> expected) {
            FlagEngine engine = exposedUpTo(ring);
            expected.forEach((context, variant) -> assertThat(outcome(engine.evaluate("new-ui", context)))
                    .as(context.toString())
                    .isEqualTo(variant));
        }

        @Test
        void ringMatchReportsTheRule() {
            Evaluation.Resolved resolved =
                    (Evaluation.Resolved) exposedUpTo("ring0").evaluate("new-ui", user("lead"));
            assertThat(resolved.reason()).isEqualTo(new Reason.TargetingMatch(0, "progressive"));
        }
    }

    @Nested
    class Prerequisites {

        private final Flag payments = flag("payments-v2")
                .type(FlagType.STRING, Map.of("old", "o", "new", "n", "shadow", "s"))
                .defaultVariant("old")
                .offVariant("old")
                .rules(
                        rule("de", "new", when("country", Operator.EQUALS, "DE")),
                        rule("at", "shadow", when("country", Operator.EQUALS, "AT")))
                .build();

        @Test
        void metPrerequisiteLetsTheFlagEvaluate() {
            FlagEngine engine = engine(
                    payments,
                    flag("checkout")
                            .requires("payments-v2", "new", "shadow")
                            .defaultVariant("on")
                            .build());
            assertThat(outcome(engine.evaluate("checkout", user("u", "country", "DE"))))
                    .isEqualTo("on");
            assertThat(outcome(engine.evaluate("checkout", user("u", "country", "AT"))))
                    .isEqualTo("on");
        }

        @Test
        void unmetPrerequisiteServesTheOffVariantAsDisabled() {
            FlagEngine engine = engine(
                    payments,
                    flag("checkout")
                            .requires("payments-v2", "new")
                            .defaultVariant("on")
                            .build());
            Evaluation.Resolved resolved =
                    (Evaluation.Resolved) engine.evaluate("checkout", user("u", "country", "FR"));
            assertThat(resolved.variant()).isEqualTo("off");
            assertThat(resolved.reason()).isEqualTo(new Reason.PrerequisiteFailed("payments-v2"));
            assertThat(resolved.ofrepReason()).isEqualTo("DISABLED");
        }

        @Test
        void prerequisiteThatIsOffIsUnmet() {
            Flag off = flag("base").state(FlagState.OFF).defaultVariant("on").build();
            FlagEngine engine = engine(
                    off,
                    flag("dependent")
                            .requires("base", "on")
                            .defaultVariant("on")
                            .build());
            assertThat(outcome(engine.evaluate("dependent", EvaluationContext.EMPTY)))
                    .isEqualTo("off");
        }

        @Test
        void prerequisitesChainTransitively() {
            FlagEngine engine = engine(
                    flag("a").defaultVariant("on").build(),
                    flag("b").requires("a", "on").defaultVariant("on").build(),
                    flag("c").requires("b", "on").defaultVariant("on").build());
            assertThat(outcome(engine.evaluate("c", EvaluationContext.EMPTY))).isEqualTo("on");
        }

        @Test
        void cyclicPrerequisitesAreRejectedAndTheirFlagsFailWhileOthersWork() {
            FlagEngine engine = engine(
                    flag("a").requires("b", "on").build(),
                    flag("b").requires("a", "on").build(),
                    flag("unrelated").defaultVariant("on").build());
            assertThat(engine.violations()).extracting(Violation::code).contains(ViolationCode.PREREQUISITE_CYCLE);
            assertThat(outcome(engine.evaluate("a", EvaluationContext.EMPTY))).isEqualTo("PARSE_ERROR");
            assertThat(outcome(engine.evaluate("b", EvaluationContext.EMPTY))).isEqualTo("PARSE_ERROR");
            assertThat(outcome(engine.evaluate("unrelated", EvaluationContext.EMPTY)))
                    .isEqualTo("on");
        }
    }

    @Nested
    class StateAndKillSwitch {

        static Stream<Arguments> states() {
            return Stream.of(Arguments.of(FlagState.OFF, Reason.OFF), Arguments.of(FlagState.KILLED, Reason.KILLED));
        }

        @ParameterizedTest(name = "{0} serves the off variant to everyone, even rule matches")
        @MethodSource("states")
        void disabledFlagServesOffVariant(FlagState state, Reason reason) {
            FlagEngine engine = engine(flag("f")
                    .state(state)
                    .defaultVariant("on")
                    .rules(rule("all", "on"))
                    .rollout(split("on", 10_000, "off", 0))
                    .build());
            for (EvaluationContext context : List.of(EvaluationContext.EMPTY, user("u", "country", "DE"))) {
                Evaluation.Resolved resolved = (Evaluation.Resolved) engine.evaluate("f", context);
                assertThat(resolved.variant()).isEqualTo("off");
                assertThat(resolved.reason()).isEqualTo(reason);
                assertThat(resolved.ofrepReason()).isEqualTo("DISABLED");
            }
        }

        @Test
        void killedPrerequisiteDisablesDependents() {
            FlagEngine engine = engine(
                    flag("base").state(FlagState.KILLED).defaultVariant("on").build(),
                    flag("dependent")
                            .requires("base", "on")
                            .defaultVariant("on")
                            .build());
            assertThat(((Evaluation.Resolved) engine.evaluate("dependent", EvaluationContext.EMPTY)).reason())
                    .isEqualTo(new Reason.PrerequisiteFailed("base"));
        }
    }

    @Nested
    class Errors {

        private final FlagEngine engine = engine(flag("f").defaultVariant("on").build());

        @Test
        void unknownFlagIsFlagNotFound() {
            assertThat(outcome(engine.evaluate("nope", EvaluationContext.EMPTY)))
                    .isEqualTo("FLAG_NOT_FOUND");
            assertThat(outcome(engine.evaluate(null, EvaluationContext.EMPTY))).isEqualTo("FLAG_NOT_FOUND");
        }

        @Test
        void askingForAnotherTypeIsTypeMismatch() {
            assertThat(outcome(engine.evaluate("f", FlagType.STRING, EvaluationContext.EMPTY)))
                    .isEqualTo("TYPE_MISMATCH");
            assertThat(outcome(engine.evaluate("f", FlagType.BOOLEAN, EvaluationContext.EMPTY)))
                    .isEqualTo("on");
        }

        @Test
        void invalidFlagIsParseErrorWhileTheRestOfTheRulesetWorks() {
            FlagEngine mixed = engine(
                    flag("broken").defaultVariant("missing").build(),
                    flag("fine").defaultVariant("on").build());
            Evaluation broken = mixed.evaluate("broken", EvaluationContext.EMPTY);
            assertThat(broken).isInstanceOf(Evaluation.Failed.class);
            assertThat(((Evaluation.Failed) broken).errorDetails()).contains("flags[0].defaultVariant");
            assertThat(broken.ofrepReason()).isEqualTo("ERROR");
            assertThat(outcome(mixed.evaluate("fine", EvaluationContext.EMPTY))).isEqualTo("on");
        }

        @Test
        void flagUsingAnInvalidSegmentIsParseError() {
            Segment bad = segment("bad", List.of(), List.of(), when("email", Operator.MATCHES, "(unclosed"));
            Flag flag = flag("f")
                    .rules(rule("r", "on", when(null, Operator.IN_SEGMENT, "bad")))
                    .build();
            FlagEngine engine = FlagEngine.load(ruleset(List.of(flag), List.of(bad), List.of()));
            assertThat(outcome(engine.evaluate("f", EvaluationContext.EMPTY))).isEqualTo("PARSE_ERROR");
        }

        @Test
        void bulkEvaluationReturnsEveryFlagInOrder() {
            FlagEngine two =
                    engine(flag("x").defaultVariant("on").build(), flag("y").build());
            assertThat(two.evaluateAll(EvaluationContext.EMPTY))
                    .extracting(Evaluation::flagKey)
                    .containsExactly("x", "y");
            assertThat(two.flagKeys()).containsExactly("x", "y");
            assertThat(two.revision()).isEqualTo("r1");
        }
    }

    @Nested
    class BadContext {

        private final FlagEngine engine = engine(flag("f")
                .rules(
                        rule("n", "on", when("age", Operator.GT, 18)),
                        rule("s", "on", when("email", Operator.MATCHES, "@runway\\.dev$")),
                        rule("v", "on", when("version", Operator.SEMVER_GTE, "2.0.0")),
                        rule("d", "on", when("signup", Operator.AFTER, "2025-01-01")),
                        rule("l", "on", when("groups", Operator.CONTAINS, "admin")))
                .rollout(split("on", 0, "off", 10_000))
                .build());

        static Stream<Arguments> contexts() {
            Map<String, Object> nulls = new HashMap<>();
            nulls.put("age", null);
            nulls.put("email", null);
            nulls.put(null, "null key");
            return Stream.of(
                    Arguments.of("null context", null),
                    Arguments.of("empty context", EvaluationContext.EMPTY),
                    Arguments.of("null attribute values and a null key", new EvaluationContext("u", nulls)),
                    Arguments.of(
                            "attributes of the wrong types",
                            user(
                                    "u",
                                    "age",
                                    "old",
                                    "email",
                                    42,
                                    "version",
                                    List.of(),
                                    "signup",
                                    Map.of(),
                                    "groups",
                                    Map.of("admin", true))),
                    Arguments.of(
                            "huge strings everywhere",
                            user(
                                    "x".repeat(1_000_000),
                                    "age",
                                    "9".repeat(1_000_000),
                                    "email",
                                    "e".repeat(1_000_000),
                                    "version",
                                    "1".repeat(1_000_000),
                                    "signup",
                                    "2".repeat(1_000_000))),
                    Arguments.of("self-referencing list", user("u", "groups", selfReferencingList())));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("contexts")
        void neverThrowsAndFallsThroughToTheRollout(String name, EvaluationContext context) {
            Evaluation evaluation = engine.evaluate("f", context);
            boolean hasKey = context != null && context.targetingKey() != null;
            assertThat(outcome(evaluation)).isEqualTo(hasKey ? "off" : "TARGETING_KEY_MISSING");
        }

        @Test
        void attributeMapThatThrowsBecomesGeneralError() {
            Map<String, Object> hostile = new AbstractMap<>() {
                @Override
                public Set<Entry<String, Object>> entrySet() {
                    throw new IllegalStateException("boom");
                }

                @Override
                public Object get(Object key) {
                    throw new IllegalStateException("boom");
                }
            };
            Evaluation evaluation = engine.evaluate("f", new EvaluationContext("u", hostile));
            assertThat(outcome(evaluation)).isEqualTo("GENERAL");
        }

        private static List<Object> selfReferencingList() {
            List<Object> list = new java.util.ArrayList<>();
            list.add(list);
            list.add("member");
            return list;
        }
    }
}
