package dev.runway.rollouts.machine;

import static dev.runway.rollouts.machine.Fixtures.at;
import static dev.runway.rollouts.machine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CommandsTest {

    static Stream<Arguments> allowed() {
        return Stream.of(
                Arguments.of(RolloutState.PROGRESSING, 1, new Command.Promote("hotfix"), RolloutState.PROMOTING, 1),
                Arguments.of(RolloutState.PAUSED, 2, new Command.Promote("hotfix"), RolloutState.PROMOTING, 2),
                Arguments.of(RolloutState.PROGRESSING, 1, new Command.Pause("look"), RolloutState.PAUSED, 1),
                Arguments.of(RolloutState.PENDING, 0, new Command.Pause("look"), RolloutState.PAUSED, 0),
                Arguments.of(RolloutState.PAUSED, 3, new Command.Resume("ok"), RolloutState.PROGRESSING, 4),
                Arguments.of(RolloutState.PAUSED, 2, new Command.Resume("ok"), RolloutState.PROGRESSING, 2),
                Arguments.of(RolloutState.PROGRESSING, 1, new Command.Abort("burn"), RolloutState.ABORTING, 1),
                Arguments.of(RolloutState.PAUSED, 2, new Command.Abort("burn"), RolloutState.ABORTING, 2),
                Arguments.of(RolloutState.PENDING, 0, new Command.Abort("burn"), RolloutState.ABORTING, 0),
                Arguments.of(RolloutState.PROMOTING, 6, new Command.Abort("burn"), RolloutState.ABORTING, 6),
                Arguments.of(RolloutState.ROLLED_BACK, 2, new Command.Retry("fixed"), RolloutState.PENDING, 0),
                Arguments.of(RolloutState.FAILED, 2, new Command.Retry("fixed"), RolloutState.PENDING, 0),
                Arguments.of(RolloutState.PROMOTED, 6, new Command.Rollback("bad"), RolloutState.ABORTING, 6));
    }

    @ParameterizedTest(name = "{0} + {2} -> {3}")
    @MethodSource("allowed")
    void aCommandMovesTheRolloutAndKeepsItsReason(
            RolloutState from, int step, Command command, RolloutState to, int toStep) {
        Rollout after = Commands.apply(rollout(from, step), command, at(5));
        assertThat(after.state()).isEqualTo(to);
        assertThat(after.stepIndex()).isEqualTo(toStep);
        assertThat(after.stepStartedAt()).isEqualTo(at(5));
        assertThat(after.reason()).contains(command.reason());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(RolloutState.PROMOTED, new Command.Abort("x")),
                Arguments.of(RolloutState.ROLLED_BACK, new Command.Promote("x")),
                Arguments.of(RolloutState.PROGRESSING, new Command.Resume("x")),
                Arguments.of(RolloutState.PROGRESSING, new Command.Retry("x")),
                Arguments.of(RolloutState.PROGRESSING, new Command.Rollback("x")),
                Arguments.of(RolloutState.ABORTING, new Command.Pause("x")),
                Arguments.of(RolloutState.PAUSED, new Command.Pause("x")));
    }

    @ParameterizedTest(name = "{1} refused when {0}")
    @MethodSource("refused")
    void aCommandTheStateDoesNotAllowIsRefused(RolloutState from, Command command) {
        assertThatThrownBy(() -> Commands.apply(rollout(from, 1), command, at(5)))
                .isInstanceOf(IllegalTransition.class)
                .hasMessageContaining(from.name());
    }

    @Test
    void retryStartsAFreshAttempt() {
        Rollout retried = Commands.apply(rollout(RolloutState.ROLLED_BACK, 3), new Command.Retry("fixed"), at(5));
        assertThat(retried.attempt()).isEqualTo(2);
    }

    @Test
    void rollingBackAPromotedReleaseRestoresThePreviousStableAndCannotBeRetried() {
        Rollout reverting = Commands.apply(rollout(RolloutState.PROMOTED, 6), new Command.Rollback("bad"), at(5));
        assertThat(reverting.revertsPromotion()).isTrue();
        var decision = (Decision.CompleteRollback) Decider.decide(reverting, Fixtures.seen(0, null), at(6));
        assertThat(decision.restorePreviousStable()).isTrue();
        Rollout reverted = Transitions.after(reverting, decision, at(6));
        assertThat(reverted.state()).isEqualTo(RolloutState.ROLLED_BACK);
        assertThatThrownBy(() -> Commands.apply(reverted, new Command.Retry("again"), at(7)))
                .isInstanceOf(IllegalTransition.class);
    }
}
