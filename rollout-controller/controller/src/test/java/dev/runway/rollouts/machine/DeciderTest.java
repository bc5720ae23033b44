package dev.runway.rollouts.machine;

import static dev.runway.rollouts.machine.Fixtures.T0;
import static dev.runway.rollouts.machine.Fixtures.at;
import static dev.runway.rollouts.machine.Fixtures.fail;
import static dev.runway.rollouts.machine.Fixtures.inconclusive;
import static dev.runway.rollouts.machine.Fixtures.pass;
import static dev.runway.rollouts.machine.Fixtures.rollout;
import static dev.runway.rollouts.machine.Fixtures.seen;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeciderTest {

    /** state, step, observed, now -> decision type and a fragment of its reason. */
    static Stream<Arguments> table() {
        return Stream.of(
                row(
                        "pending starts the canary",
                        rollout(RolloutState.PENDING, 0),
                        seen(0, null),
                        T0,
                        Decision.StartCanary.class,
                        "starting canary v2"),
                row(
                        "weight not yet routed is shifted",
                        rollout(RolloutState.PROGRESSING, 0),
                        seen(0, null),
                        T0,
                        Decision.ShiftWeight.class,
                        "canary weight to 5 %"),
                row(
                        "weight already routed (applied before a crash) advances, not applied twice",
                        rollout(RolloutState.PROGRESSING, 0),
                        seen(5, null),
                        T0,
                        Decision.Advance.class,
                        "canary weight is 5 %"),
                row(
                        "bake running waits",
                        rollout(RolloutState.PROGRESSING, 1),
                        seen(5, inconclusive()),
                        at(30),
                        Decision.Wait.class,
                        "baking"),
                row(
                        "bake over advances",
                        rollout(RolloutState.PROGRESSING, 1),
                        seen(5, inconclusive()),
                        at(60),
                        Decision.Advance.class,
                        "baked PT1M"),
                row(
                        "fail during the bake aborts at once",
                        rollout(RolloutState.PROGRESSING, 1),
                        seen(5, fail()),
                        at(10),
                        Decision.Abort.class,
                        "error-ratio"),
                row(
                        "fail while paused aborts",
                        rollout(RolloutState.PAUSED, 3),
                        seen(5, fail()),
                        at(10),
                        Decision.Abort.class,
                        "analysis failed"),
                row(
                        "analysis pass advances",
                        rollout(RolloutState.PROGRESSING, 2),
                        seen(5, pass()),
                        at(1),
                        Decision.Advance.class,
                        "analysis passed"),
                row(
                        "analysis inconclusive extends the bake",
                        rollout(RolloutState.PROGRESSING, 2),
                        seen(5, inconclusive()),
                        at(60),
                        Decision.Wait.class,
                        "extending the bake"),
                row(
                        "analysis inconclusive past the extension pauses",
                        rollout(RolloutState.PROGRESSING, 2),
                        seen(5, inconclusive()),
                        at(120),
                        Decision.Pause.class,
                        "INCONCLUSIVE"),
                row(
                        "analysis without any canary request pauses after the extension",
                        rollout(RolloutState.PROGRESSING, 2),
                        seen(5, null),
                        at(120),
                        Decision.Pause.class,
                        "no canary traffic"),
                row(
                        "strategy pause stops for a human",
                        rollout(RolloutState.PROGRESSING, 3),
                        seen(5, pass()),
                        at(1),
                        Decision.Pause.class,
                        "waiting for a human"),
                row(
                        "paused waits",
                        rollout(RolloutState.PAUSED, 3),
                        seen(5, pass()),
                        at(1),
                        Decision.Wait.class,
                        "paused"),
                row(
                        "past the last step promotes",
                        rollout(RolloutState.PROGRESSING, 6),
                        seen(100, pass()),
                        at(1),
                        Decision.Promote.class,
                        "all 6 steps"),
                row(
                        "promoting completes the promotion",
                        rollout(RolloutState.PROMOTING, 6),
                        seen(100, pass()),
                        at(1),
                        Decision.CompletePromotion.class,
                        "promoting v2"),
                row(
                        "aborting completes the rollback even with a passing verdict",
                        rollout(RolloutState.ABORTING, 1),
                        seen(5, pass()),
                        at(1),
                        Decision.CompleteRollback.class,
                        "because"),
                row(
                        "promoted is done",
                        rollout(RolloutState.PROMOTED, 6),
                        seen(0, fail()),
                        at(1),
                        Decision.Done.class,
                        "PROMOTED"),
                row(
                        "rolled back is done",
                        rollout(RolloutState.ROLLED_BACK, 1),
                        seen(0, null),
                        at(1),
                        Decision.Done.class,
                        "ROLLED_BACK"),
                row(
                        "failed is done",
                        rollout(RolloutState.FAILED, 1),
                        seen(0, null),
                        at(1),
                        Decision.Done.class,
                        "FAILED"));
    }

    private static Arguments row(String name, Rollout r, Observed o, Instant now, Class<?> type, String reason) {
        return Arguments.of(name, r, o, now, type, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, Rollout rollout, Observed observed, Instant now, Class<?> type, String reason) {
        Decision decision = Decider.decide(rollout, observed, now);
        assertThat(decision).isInstanceOf(type);
        assertThat(decision.reason()).contains(reason);
    }

    @Test
    void anAbortCarriesTheFailingMetricAndTheReport() {
        var abort = (Decision.Abort) Decider.decide(rollout(RolloutState.PROGRESSING, 1), seen(5, fail()), at(10));
        assertThat(abort.failedMetrics()).containsExactly("error-ratio");
        assertThat(abort.report().summary()).startsWith("FAIL");
    }

    @Test
    void theShiftComparesAndSetsAgainstTheWeightReadFromTheRouter() {
        var shift = (Decision.ShiftWeight) Decider.decide(rollout(RolloutState.PROGRESSING, 4), seen(5, pass()), at(1));
        assertThat(shift.percent()).isEqualTo(100);
        assertThat(shift.expectedPercent()).isEqualTo(5);
    }

    @Test
    void theSameInputsGiveTheSameDecision() {
        Rollout r = rollout(RolloutState.PROGRESSING, 2);
        Observed o = seen(5, inconclusive());
        assertThat(Decider.decide(r, o, at(30))).isEqualTo(Decider.decide(r, o, at(30)));
    }

    @Test
    void aHealthyCanaryWalksEveryStepToPromotedWhenAHumanResumesThePause() {
        Rollout r = rollout(RolloutState.PENDING, 0);
        Instant now = T0;
        int routed = 0;
        for (int loop = 0; loop < 50 && !r.state().terminal(); loop++) {
            Decision d = Decider.decide(r, seen(routed, pass()), now);
            if (d instanceof Decision.ShiftWeight s) {
                routed = s.percent();
            }
            r = Transitions.after(r, d, now);
            if (r.state() == RolloutState.PAUSED) {
                r = Commands.apply(r, new Command.Resume("looked fine"), now);
            }
            now = now.plusSeconds(30);
        }
        assertThat(r.state()).isEqualTo(RolloutState.PROMOTED);
        assertThat(routed).isEqualTo(100);
    }
}
