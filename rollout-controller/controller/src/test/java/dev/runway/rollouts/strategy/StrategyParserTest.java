package dev.runway.rollouts.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.common.problem.FieldViolation;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StrategyParserTest {

    static StepSpec weight(Integer p) {
        return new StepSpec("setWeight", null, p, null, null);
    }

    static StepSpec ring(Integer r) {
        return new StepSpec("setAudience", r, null, null, null);
    }

    static StepSpec bake(String d) {
        return new StepSpec("bake", null, null, d, null);
    }

    static StepSpec analyze(String extend) {
        return new StepSpec("analyze", null, null, null, extend);
    }

    static StepSpec pause(String d) {
        return new StepSpec("pause", null, null, d, null);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("no steps", List.of(), "strategy", "at least one step"),
                Arguments.of(
                        "weights out of order", List.of(weight(25), weight(5)), "strategy[1].percent", "must increase"),
                Arguments.of("weight repeated", List.of(weight(5), weight(5)), "strategy[1].percent", "must increase"),
                Arguments.of("weight over 100", List.of(weight(101)), "strategy[0].percent", "between 0 and 100"),
                Arguments.of("weight missing", List.of(weight(null)), "strategy[0].percent", "between 0 and 100"),
                Arguments.of("negative bake", List.of(weight(5), bake("-PT5M")), "strategy[1].duration", "positive"),
                Arguments.of("zero bake", List.of(weight(5), bake("PT0S")), "strategy[1].duration", "positive"),
                Arguments.of(
                        "bake without duration", List.of(weight(5), bake(null)), "strategy[1].duration", "required"),
                Arguments.of(
                        "unreadable duration",
                        List.of(weight(5), bake("5 minutes")),
                        "strategy[1].duration",
                        "ISO-8601"),
                Arguments.of(
                        "negative extension",
                        List.of(weight(5), analyze("-PT1S")),
                        "strategy[1].extendUpTo",
                        "negative"),
                Arguments.of("negative pause", List.of(pause("-PT1M")), "strategy[0].duration", "positive"),
                Arguments.of(
                        "unknown type",
                        List.of(new StepSpec("canary", null, null, null, null)),
                        "strategy[0].type",
                        "one of"),
                Arguments.of(
                        "analysis before traffic",
                        List.of(analyze("PT1M"), weight(5)),
                        "strategy[0].type",
                        "needs canary traffic"),
                Arguments.of("rings decrease", List.of(ring(1), ring(0)), "strategy[1].ring", "must not decrease"),
                Arguments.of("ring out of range", List.of(ring(10)), "strategy[0].ring", "between 0 and 9"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidStrategiesAreRefusedNamingTheField(String name, List<StepSpec> steps, String field, String reason) {
        var parsed = StrategyParser.parse("custom", steps, "strategy");
        assertThat(parsed.valid()).isFalse();
        assertThat(parsed.strategy()).isNull();
        assertThat(parsed.violations()).extracting(FieldViolation::field).contains(field);
        assertThat(parsed.violations())
                .filteredOn(v -> v.field().equals(field))
                .first()
                .extracting(FieldViolation::reason)
                .asString()
                .contains(reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validStrategiesParseToTheirSteps(String name, List<StepSpec> steps, List<Step> expected) {
        var parsed = StrategyParser.parse("custom", steps, "strategy");
        assertThat(parsed.violations()).isEmpty();
        assertThat(parsed.strategy().steps()).isEqualTo(expected);
    }

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of(
                        "ring, weight, bake, analysis, pause",
                        List.of(ring(0), weight(10), bake("PT30S"), analyze("PT1M"), pause(null), weight(100)),
                        List.of(
                                new Step.SetAudience(0),
                                new Step.SetWeight(10),
                                new Step.Bake(Duration.ofSeconds(30)),
                                new Step.Analyze(Duration.ofMinutes(1)),
                                new Step.Pause(null),
                                new Step.SetWeight(100))),
                Arguments.of(
                        "analysis without extension pauses at once",
                        List.of(weight(1), analyze(null)),
                        List.of(new Step.SetWeight(1), new Step.Analyze(Duration.ZERO))),
                Arguments.of("timed pause", List.of(pause("PT2M")), List.of(new Step.Pause(Duration.ofMinutes(2)))));
    }

    @org.junit.jupiter.api.Test
    void everyViolationIsReportedAtOnce() {
        var parsed = StrategyParser.parse("custom", List.of(weight(50), weight(10), bake("-PT1S")), "strategy");
        assertThat(parsed.violations())
                .extracting(FieldViolation::field)
                .containsExactly("strategy[1].percent", "strategy[2].duration");
    }
}
