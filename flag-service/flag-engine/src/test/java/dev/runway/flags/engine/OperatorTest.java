package dev.runway.flags.engine;

import static dev.runway.flags.engine.Fixtures.engine;
import static dev.runway.flags.engine.Fixtures.flag;
import static dev.runway.flags.engine.Fixtures.rule;
import static dev.runway.flags.engine.Fixtures.when;
import static dev.runway.flags.engine.model.Operator.AFTER;
import static dev.runway.flags.engine.model.Operator.BEFORE;
import static dev.runway.flags.engine.model.Operator.CONTAINS;
import static dev.runway.flags.engine.model.Operator.ENDS_WITH;
import static dev.runway.flags.engine.model.Operator.EQUALS;
import static dev.runway.flags.engine.model.Operator.GT;
import static dev.runway.flags.engine.model.Operator.GTE;
import static dev.runway.flags.engine.model.Operator.IN;
import static dev.runway.flags.engine.model.Operator.LT;
import static dev.runway.flags.engine.model.Operator.LTE;
import static dev.runway.flags.engine.model.Operator.MATCHES;
import static dev.runway.flags.engine.model.Operator.NOT_IN;
import static dev.runway.flags.engine.model.Operator.SEMVER_EQ;
import static dev.runway.flags.engine.model.Operator.SEMVER_GT;
import static dev.runway.flags.engine.model.Operator.SEMVER_GTE;
import static dev.runway.flags.engine.model.Operator.SEMVER_LT;
import static dev.runway.flags.engine.model.Operator.SEMVER_LTE;
import static dev.runway.flags.engine.model.Operator.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.flags.engine.model.Condition;
import dev.runway.flags.engine.model.Operator;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operator, with matching, non-matching and wrong-type context values, evaluated through the engine. */
class OperatorTest {

    private static final Object ABSENT = new Object();
    private static final String HUGE = "x".repeat(2_000_000);

    static Stream<Arguments> cases() {
        return Stream.of(
                // equals
                c("equals: same string matches", EQUALS, List.of("DE"), "DE", true),
                c("equals: other string does not", EQUALS, List.of("DE"), "FR", false),
                c("equals: is case-sensitive", EQUALS, List.of("DE"), "de", false),
                c("equals: number matches its canonical form", EQUALS, List.of(18), 18.0, true),
                c("equals: number rule matches numeric string", EQUALS, List.of(18), "18", true),
                c("equals: BigDecimal with trailing zeros", EQUALS, List.of(2.5), new BigDecimal("2.50"), true),
                c("equals: boolean", EQUALS, List.of(true), true, true),
                c("equals: boolean against string true", EQUALS, List.of(true), "true", true),
                c("equals: map attribute does not match", EQUALS, List.of("DE"), Map.of("c", "DE"), false),
                c("equals: null attribute does not match", EQUALS, List.of("DE"), null, false),
                c("equals: absent attribute does not match", EQUALS, List.of("DE"), ABSENT, false),
                c("equals: huge string does not match", EQUALS, List.of("DE"), HUGE, false),
                // in / not in
                c("in: listed value matches", IN, List.of("DE", "FR"), "FR", true),
                c("in: unlisted value does not", IN, List.of("DE", "FR"), "US", false),
                c("in: list attribute with a listed element", IN, List.of("admin"), List.of("dev", "admin"), true),
                c("in: list attribute without listed elements", IN, List.of("admin"), List.of("dev"), false),
                c("in: number in number list", IN, List.of(1, 2, 3), 2L, true),
                c("in: object attribute does not match", IN, List.of("DE"), new Object(), false),
                c("not_in: unlisted value matches", NOT_IN, List.of("DE", "FR"), "US", true),
                c("not_in: listed value does not", NOT_IN, List.of("DE", "FR"), "DE", false),
                c("not_in: absent attribute does not match", NOT_IN, List.of("DE"), ABSENT, false),
                c("not_in: null attribute does not match", NOT_IN, List.of("DE"), null, false),
                c("not_in: list with a listed element does not", NOT_IN, List.of("a"), List.of("b", "a"), false),
                c("not_in: list without listed elements matches", NOT_IN, List.of("a"), List.of("b"), true),
                // contains / starts with / ends with
                c("contains: substring matches", CONTAINS, List.of("run"), "runway", true),
                c("contains: any of several", CONTAINS, List.of("zzz", "way"), "runway", true),
                c("contains: missing substring does not", CONTAINS, List.of("sky"), "runway", false),
                c("contains: list attribute with equal element", CONTAINS, List.of("beta"), List.of("beta", "x"), true),
                c("contains: list attribute needs an equal element", CONTAINS, List.of("bet"), List.of("beta"), false),
                c("contains: number attribute by canonical form", CONTAINS, List.of("23"), 1234, true),
                c("contains: map attribute does not match", CONTAINS, List.of("a"), Map.of("a", 1), false),
                c("starts_with: prefix matches", STARTS_WITH, List.of("admin-"), "admin-42", true),
                c("starts_with: other prefix does not", STARTS_WITH, List.of("admin-"), "user-42", false),
                c("starts_with: null does not match", STARTS_WITH, List.of("a"), null, false),
                c("ends_with: suffix matches", ENDS_WITH, List.of("@runway.dev"), "ana@runway.dev", true),
                c("ends_with: other suffix does not", ENDS_WITH, List.of("@runway.dev"), "ana@example.com", false),
                c("ends_with: huge string is handled", ENDS_WITH, List.of("x"), HUGE, true),
                // matches (RE2)
                c("matches: pattern found", MATCHES, List.of("^[a-z]+@runway\\.dev$"), "ana@runway.dev", true),
                c("matches: pattern not found", MATCHES, List.of("^[a-z]+@runway\\.dev$"), "ana@evil.dev", false),
                c("matches: unanchored pattern finds inside", MATCHES, List.of("beta"), "pre-beta-2", true),
                c(
                        "matches: catastrophic-for-backtracking pattern is linear",
                        MATCHES,
                        List.of("^(a+)+$"),
                        "a".repeat(5_000) + "b",
                        false),
                c("matches: value over the regex input limit never matches", MATCHES, List.of("x"), HUGE, false),
                c("matches: number attribute by canonical form", MATCHES, List.of("^4\\d$"), 42, true),
                c("matches: list attribute does not match", MATCHES, List.of("a"), List.of("a"), false),
                // numeric
                c("lt: smaller matches", LT, List.of(18), 17, true),
                c("lt: equal does not", LT, List.of(18), 18, false),
                c("lte: equal matches", LTE, List.of(18), 18.0, true),
                c("lte: larger does not", LTE, List.of(18), 18.5, false),
                c("gt: larger matches", GT, List.of(18), 19, true),
                c("gt: equal does not", GT, List.of(18), 18, false),
                c("gte: equal matches", GTE, List.of(18), 18, true),
                c("gte: numeric string matches", GTE, List.of(18), " 21 ", true),
                c("gte: string operand in rule", GTE, List.of("18.5"), 19, true),
                c("gte: smaller does not", GTE, List.of(18), 17.99, false),
                c("gt: non-numeric string does not match", GT, List.of(18), "many", false),
                c("gt: boolean does not match", GT, List.of(0), true, false),
                c("gt: NaN does not match", GT, List.of(0), Double.NaN, false),
                c("gt: Java-only number spelling does not match", GT, List.of(0), "18d", false),
                c("gt: Infinity string does not match", GT, List.of(0), "Infinity", false),
                c("gt: exponent notation matches", GT, List.of(999), "1e3", true),
                c("gt: huge numeric-looking string does not match", GT, List.of(0), "9".repeat(100_000), false),
                // semver
                c("semver_eq: same version", SEMVER_EQ, List.of("2.1.0"), "2.1.0", true),
                c("semver_eq: leading v accepted", SEMVER_EQ, List.of("v2.1.0"), "V2.1.0", true),
                c("semver_eq: build metadata ignored", SEMVER_EQ, List.of("2.1.0"), "2.1.0+build.7", true),
                c("semver_eq: different version", SEMVER_EQ, List.of("2.1.0"), "2.1.1", false),
                c("semver_eq: partial version does not match", SEMVER_EQ, List.of("2.1.0"), "2.1", false),
                c("semver_lt: numeric not lexical order", SEMVER_LT, List.of("2.10.0"), "2.9.0", true),
                c("semver_lt: pre-release before release", SEMVER_LT, List.of("2.0.0"), "2.0.0-beta.1", true),
                c("semver_lte: equal matches", SEMVER_LTE, List.of("2.0.0"), "2.0.0", true),
                c("semver_gt: greater matches", SEMVER_GT, List.of("2.0.0"), "2.0.1", true),
                c("semver_gt: pre-release ordering", SEMVER_GT, List.of("1.0.0-alpha.1"), "1.0.0-alpha.beta", true),
                c("semver_gte: smaller does not", SEMVER_GTE, List.of("2.0.0"), "1.99.99", false),
                c("semver_gte: invalid version does not match", SEMVER_GTE, List.of("2.0.0"), "two", false),
                c("semver_gte: number attribute does not match", SEMVER_GTE, List.of("2.0.0"), 3, false),
                // dates
                c(
                        "before: earlier instant matches",
                        BEFORE,
                        List.of("2025-06-01T00:00:00Z"),
                        Instant.parse("2025-05-31T23:59:59Z"),
                        true),
                c(
                        "before: same instant does not",
                        BEFORE,
                        List.of("2025-06-01T00:00:00Z"),
                        Instant.parse("2025-06-01T00:00:00Z"),
                        false),
                c(
                        "before: ISO string with offset",
                        BEFORE,
                        List.of("2025-06-01T00:00:00Z"),
                        "2025-06-01T01:30:00+02:00",
                        true),
                c("before: epoch seconds", BEFORE, List.of("2025-06-01T00:00:00Z"), 1_748_735_999L, true),
                c("before: epoch milliseconds", BEFORE, List.of("2025-06-01T00:00:00Z"), 1_748_735_999_000L, true),
                c("before: java.util.Date", BEFORE, List.of("2025-06-01"), new Date(0), true),
                c(
                        "after: later OffsetDateTime matches",
                        AFTER,
                        List.of("2025-06-01T00:00:00Z"),
                        OffsetDateTime.of(2025, 6, 1, 0, 0, 1, 0, ZoneOffset.UTC),
                        true),
                c("after: epoch operand in rule", AFTER, List.of(1_748_736_000L), "2025-06-01T00:00:01Z", true),
                c("after: earlier does not", AFTER, List.of("2025-06-01T00:00:00Z"), "2024-01-01T00:00:00Z", false),
                c("after: unparseable date does not match", AFTER, List.of("2025-06-01"), "yesterday", false),
                c("after: boolean does not match", AFTER, List.of("2025-06-01"), true, false),
                c(
                        "after: infinite number does not match",
                        AFTER,
                        List.of("2025-06-01"),
                        Double.POSITIVE_INFINITY,
                        false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void operatorDecidesWhetherTheRuleMatches(
            String name, Operator operator, List<Object> operands, Object attribute, boolean expectedMatch) {
        Condition condition = when("attr", operator, operands.toArray());
        FlagEngine engine = engine(flag("f").rules(rule("r", "on", condition)).build());
        assertThat(engine.violations()).isEmpty();

        EvaluationContext context = attribute == ABSENT
                ? EvaluationContext.of("user")
                : new EvaluationContext(
                        "user", new java.util.HashMap<>(java.util.Collections.singletonMap("attr", attribute)));
        Evaluation evaluation = engine.evaluate("f", context);

        assertThat(evaluation).isInstanceOf(Evaluation.Resolved.class);
        Evaluation.Resolved resolved = (Evaluation.Resolved) evaluation;
        assertThat(resolved.variant()).isEqualTo(expectedMatch ? "on" : "off");
        assertThat(resolved.reason()).isEqualTo(expectedMatch ? new Reason.TargetingMatch(0, "r") : Reason.DEFAULT);
    }

    private static Arguments c(String name, Operator operator, List<?> operands, Object attribute, boolean match) {
        return Arguments.of(name, operator, Arrays.asList(operands.toArray()), attribute, match);
    }
}
