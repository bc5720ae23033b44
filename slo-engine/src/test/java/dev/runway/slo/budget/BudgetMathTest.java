package dev.runway.slo.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.runway.slo.budget.AlertDecision.State;
import dev.runway.slo.budget.BurnRateAlert.Severity;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetMathTest {
    static final Objective THREE_NINES_30D = new Objective(0.999, Duration.ofDays(30));

    @ParameterizedTest(name = "{0} of a 30-day budget in {1} h burns at {2}x")
    @CsvSource({"0.02, 1, 14.4", "0.05, 6, 6", "0.10, 24, 3", "0.10, 72, 1"})
    void theWorkbookThresholdsFollowFromBudgetShareTimesWindowOverAlertWindow(
            double share, long hours, double burnRate) {
        var alert = BurnRateAlert.of(
                Severity.PAGE, share, Duration.ofHours(hours), Duration.ofMinutes(5), Duration.ofDays(30));
        assertThat(alert.burnRate()).isCloseTo(burnRate, within(1e-9));
        // and back: burning at that rate for the long window spends exactly that share
        assertThat(THREE_NINES_30D.budgetSpentBy(burnRate, Duration.ofHours(hours)))
                .isCloseTo(share, within(1e-9));
    }

    @Test
    void theStandardAlertsForThirtyDaysAreTheWorkbooksAndOtherWindowsScale() {
        assertThat(BurnRateAlert.standardFor(Duration.ofDays(30)))
                .extracting(BurnRateAlert::label, BurnRateAlert::burnRate)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("page-1h-5m", 14.4),
                        org.assertj.core.groups.Tuple.tuple("page-6h-30m", 6.0),
                        org.assertj.core.groups.Tuple.tuple("ticket-1d-2h", 3.0),
                        org.assertj.core.groups.Tuple.tuple("ticket-3d-6h", 1.0));
        List<BurnRateAlert> fourWeeks = BurnRateAlert.standardFor(Duration.ofDays(28));
        assertThat(fourWeeks.getFirst().burnRate()).isCloseTo(13.44, within(1e-9));
        assertThat(fourWeeks.get(1).burnRate()).isCloseTo(5.6, within(1e-9));
        assertThat(fourWeeks.getLast().burnRate()).isCloseTo(0.9333, within(1e-4));
    }

    @Test
    void budgetIsEventWeightedNotAnAverageOfIntervalRatios() {
        // A busy hour with 0.01 % errors and a quiet one where 5 of 10 requests failed.
        EventCounts busy = new EventCounts(1_000_000, 100);
        EventCounts quiet = new EventCounts(10, 5);
        EventCounts window = busy.plus(quiet);

        double eventWeighted = THREE_NINES_30D.budgetConsumed(window).getAsDouble();
        double averageOfRatios =
                (busy.errorRatio().getAsDouble() + quiet.errorRatio().getAsDouble()) / 2 / 0.001;

        assertThat(eventWeighted).isCloseTo(105.0 / 1_000_010 / 0.001, within(1e-12)); // about 0.105
        assertThat(averageOfRatios).isCloseTo(250.05, within(1e-9)); // the known error: 25,000 % of budget
        assertThat(THREE_NINES_30D.budgetRemaining(window).getAsDouble()).isCloseTo(1 - eventWeighted, within(1e-12));
    }

    @Test
    void aWorkedMonthMatchesTheDocComment() {
        EventCounts month = new EventCounts(1_000_000, 400);
        assertThat(month.errorRatio().getAsDouble()).isCloseTo(0.0004, within(1e-12));
        assertThat(THREE_NINES_30D.budgetConsumed(month).getAsDouble()).isCloseTo(0.4, within(1e-9));
        assertThat(THREE_NINES_30D.budgetRemaining(month).getAsDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(THREE_NINES_30D.burnRate(new EventCounts(10_000, 144)).getAsDouble())
                .isCloseTo(14.4, within(1e-9));
    }

    @Test
    void zeroTrafficIsNoDataNeverNaN() {
        assertThat(EventCounts.NONE.errorRatio()).isEmpty();
        assertThat(THREE_NINES_30D.burnRate(EventCounts.NONE)).isEmpty();
        assertThat(THREE_NINES_30D.budgetRemaining(EventCounts.NONE)).isEmpty();
        var page = BurnRateAlert.standardFor(Duration.ofDays(30)).getFirst();
        var decision = AlertDecision.decide(page, THREE_NINES_30D, EventCounts.NONE, EventCounts.NONE, 0);
        assertThat(decision.state()).isEqualTo(State.NO_DATA);
        assertThat(decision.reason()).doesNotContain("NaN");
    }

    @ParameterizedTest(name = "{0} remaining at {1}x over 30 d lasts {2} h")
    @CsvSource({"0.5, 2, 180", "1.0, 1, 720", "0.1, 14.4, 5"})
    void timeToExhaustionIsRemainingTimesWindowOverBurnRate(double remaining, double burnRate, long hours) {
        assertThat(THREE_NINES_30D.timeToExhaustion(remaining, burnRate)).contains(Duration.ofHours(hours));
    }

    @Test
    void nothingBurningNeverExhaustsAndAnOverspentBudgetIsAlreadyGone() {
        assertThat(THREE_NINES_30D.timeToExhaustion(0.5, 0)).isEmpty();
        assertThat(THREE_NINES_30D.timeToExhaustion(-0.2, 3)).contains(Duration.ZERO);
    }

    @ParameterizedTest(name = "long {0}/{1}, short {2}/{3}, min {4} -> {5}")
    @CsvSource({
        // 1.5 % errors over both windows: 15x, above 14.4
        "100000, 1500, 10000, 150, 100, FIRING",
        // the long window still shows the burst but the last 5 minutes are clean: stop paging
        "100000, 1500, 10000, 0, 100, OK",
        // a short spike alone is not significant
        "100000, 100, 10000, 150, 100, OK",
        // three requests, two failed: below the minimum-event gate
        "3, 2, 3, 2, 100, NO_DATA",
        // exactly at the threshold fires
        "100000, 1440, 10000, 144, 100, FIRING"
    })
    void aPageFiresOnlyWhenBothWindowsBurnAndThereAreEnoughEvents(
            long longTotal, long longBad, long shortTotal, long shortBad, long minimumEvents, State expected) {
        var page = BurnRateAlert.standardFor(Duration.ofDays(30)).getFirst();
        var decision = AlertDecision.decide(
                page,
                THREE_NINES_30D,
                new EventCounts(longTotal, longBad),
                new EventCounts(shortTotal, shortBad),
                minimumEvents);
        assertThat(decision.state()).isEqualTo(expected);
    }

    @Test
    void impossibleCountsAndTargetsAreRefused() {
        assertThatThrownBy(() -> new EventCounts(5, 6)).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new EventCounts(-1, 0)).hasMessageContaining("negative");
        assertThatThrownBy(() -> new Objective(1.0, Duration.ofDays(30))).hasMessageContaining("strictly between");
        assertThatThrownBy(() -> new Objective(0.99, Duration.ZERO)).hasMessageContaining("positive");
    }
}
