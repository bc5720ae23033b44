package dev.runway.api.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CapabilityMetricsTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    static Instant at(String offset) {
        return T0.plus(Duration.parse("PT" + offset));
    }

    /**
     * The seeded history, by hand:
     *
     * <pre>
     *        commit  promoted  decided     rolled back   armed  budget
     *   A    0h      1h        -           -             yes    0.01
     *   B    2h      5h        5h30m       5h30m2s       yes    0.03
     *   C    10h     12h       -           -             no     -
     *   D    20h     -         20h10m      20h10m0.4s    yes    -
     * </pre>
     *
     * Over 2 days: 3 promoted -> 1.5/day; lead times 1h, 3h, 2h -> median 2h; B failed after promotion ->
     * change-failure rate 1/3 and time to restore 30m2s; armed 3 of 4 -> 0.75; decision to rollback 2s and 0.4s
     * -> median 1.2s; D caught by the canary, B after promotion -> catch share 0.5; budget 0.01 + 0.03 = 0.04.
     */
    static final List<Delivery> SEEDED = List.of(
            new Delivery("shop", "a", at("0h"), at("30m"), at("1h"), null, null, true, 0.01),
            new Delivery("shop", "b", at("2h"), at("3h"), at("5h"), at("5h30m"), at("5h30m2s"), true, 0.03),
            new Delivery("shop", "c", at("10h"), at("10h"), at("12h"), null, null, false, null),
            new Delivery("shop", "d", at("20h"), at("20h"), null, at("20h10m"), at("20h10m0.4s"), true, null));

    @Test
    void theSeededHistoryGivesTheHandComputedFigures() {
        CapabilityReport report = CapabilityMetrics.compute(SEEDED, 2);
        assertThat(report.rollouts()).isEqualTo(4);
        assertThat(report.deployments()).isEqualTo(3);
        assertThat(report.deploymentsPerDay()).isEqualTo(1.5);
        assertThat(report.medianLeadTime()).isEqualTo(Duration.ofHours(2));
        assertThat(report.changeFailureRate()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(report.medianTimeToRestore()).isEqualTo(Duration.parse("PT30M2S"));
        assertThat(report.rollbackArmedShare()).isEqualTo(0.75);
        assertThat(report.medianDecisionToRollback()).isEqualTo(Duration.ofMillis(1200));
        assertThat(report.caughtByCanary()).isEqualTo(1);
        assertThat(report.caughtAfterPromotion()).isEqualTo(1);
        assertThat(report.canaryCatchShare()).isEqualTo(0.5);
        assertThat(report.budgetSpentOnTesting()).isCloseTo(0.04, within(1e-12));
    }

    @Test
    void anEmptyWindowHasNoRatesRatherThanNaN() {
        CapabilityReport report = CapabilityMetrics.compute(List.of(), 7);
        assertThat(report.deploymentsPerDay()).isZero();
        assertThat(report.changeFailureRate()).isNull();
        assertThat(report.medianLeadTime()).isNull();
        assertThat(report.rollbackArmedShare()).isNull();
        assertThat(report.canaryCatchShare()).isNull();
        assertThat(report.budgetSpentOnTesting()).isNull();
    }

    static Stream<Arguments> medians() {
        return Stream.of(
                Arguments.of("one value", List.of("1h"), "1h"),
                Arguments.of("odd count takes the middle", List.of("3h", "1h", "2h"), "2h"),
                Arguments.of("even count takes the mean of the middle two", List.of("4h", "1h", "2h", "3h"), "2h30m"),
                Arguments.of("outliers do not move it", List.of("1m", "2m", "3m", "100h"), "2m30s"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("medians")
    void medianOfDurations(String name, List<String> values, String expected) {
        assertThat(CapabilityMetrics.median(
                        values.stream().map(v -> Duration.parse("PT" + v)).toList()))
                .isEqualTo(Duration.parse("PT" + expected));
    }

    @Test
    void aRollbackBeforePromotionIsCaughtByTheCanaryAndNotAChangeFailure() {
        var caught = new Delivery("s", "v", null, at("0h"), null, at("1h"), at("1h1s"), true, null);
        var report = CapabilityMetrics.compute(List.of(caught), 1);
        assertThat(report.changeFailureRate()).isNull();
        assertThat(report.caughtByCanary()).isEqualTo(1);
        assertThat(report.canaryCatchShare()).isEqualTo(1.0);
    }
}
