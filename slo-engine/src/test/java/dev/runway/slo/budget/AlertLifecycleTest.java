package dev.runway.slo.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlertLifecycleTest {
    static final Objective SLO = new Objective(0.999, Duration.ofDays(30));

    @ParameterizedTest(name = "firing={0}, decision {1} -> {2}")
    @CsvSource({
        "false, FIRING, OPEN",
        "true, FIRING, NONE",
        "true, OK, RESOLVE",
        "false, OK, NONE",
        "true, NO_DATA, NONE",
        "false, NO_DATA, NONE"
    })
    void anAlertOpensOnceResolvesOnceAndHoldsWithoutData(
            boolean firing, AlertDecision.State decision, AlertTransition expected) {
        assertThat(AlertTransition.next(firing, decision)).isEqualTo(expected);
    }

    @Test
    void aFastBurnFiresBothPagesButNotTheSlowTicketsWhoseWindowsAreStillCalm() {
        Map<Duration, EventCounts> counts = calm();
        counts.put(Duration.ofMinutes(5), new EventCounts(10_000, 2_000)); // 20 % errors: 200x
        counts.put(Duration.ofHours(1), new EventCounts(120_000, 2_400)); // 2 %: 20x
        counts.put(Duration.ofMinutes(30), new EventCounts(60_000, 600)); // 1 %: 10x
        counts.put(Duration.ofHours(6), new EventCounts(720_000, 5_000)); // 0.69 %: 6.9x
        var status = SloStatus.evaluate(
                "checkout", "checkout", SLO, counts, new EventCounts(1_000_000, 6_000), Set.of(), 100);

        assertThat(status.alerts())
                .extracting(d -> d.alert().label(), AlertDecision::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("page-1h-5m", AlertDecision.State.FIRING),
                        org.assertj.core.groups.Tuple.tuple("page-6h-30m", AlertDecision.State.FIRING),
                        org.assertj.core.groups.Tuple.tuple("ticket-1d-2h", AlertDecision.State.OK),
                        org.assertj.core.groups.Tuple.tuple("ticket-3d-6h", AlertDecision.State.OK));
        // 6,000 bad of 1,000,000 against a 0.1 % budget: overspent six times
        assertThat(status.budgetRemaining().getAsDouble()).isCloseTo(-5.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(status.timeToExhaustion()).contains(Duration.ZERO);
    }

    @Test
    void aDisabledTierIsNotEvaluated() {
        var status = SloStatus.evaluate(
                "checkout",
                "checkout",
                SLO,
                calm(),
                new EventCounts(1_000_000, 10),
                Set.of("ticket-3d-6h", "ticket-1d-2h"),
                100);
        assertThat(status.alerts()).extracting(d -> d.alert().label()).containsExactly("page-1h-5m", "page-6h-30m");
    }

    @Test
    void everyWindowTheAlertsNeedIsListedForTheSource() {
        assertThat(SloStatus.alertWindows(Duration.ofDays(30)))
                .containsExactlyInAnyOrder(
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        Duration.ofMinutes(30),
                        Duration.ofHours(6),
                        Duration.ofHours(2),
                        Duration.ofDays(1),
                        Duration.ofDays(3));
    }

    private static Map<Duration, EventCounts> calm() {
        Map<Duration, EventCounts> counts = new HashMap<>();
        for (Duration window : SloStatus.alertWindows(Duration.ofDays(30))) {
            counts.put(window, new EventCounts(window.toMinutes() * 1000, 0));
        }
        return counts;
    }
}
