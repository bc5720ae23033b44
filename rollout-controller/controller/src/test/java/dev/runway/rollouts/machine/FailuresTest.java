package dev.runway.rollouts.machine;

import static dev.runway.rollouts.machine.Fixtures.at;
import static dev.runway.rollouts.machine.Fixtures.rollout;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("below the limit: retry", RolloutState.PROGRESSING, 4, null, null),
                Arguments.of(
                        "pending at the limit: FAILED",
                        RolloutState.PENDING,
                        5,
                        Decision.Fail.class,
                        RolloutState.FAILED),
                Arguments.of(
                        "progressing at the limit: abort",
                        RolloutState.PROGRESSING,
                        5,
                        Decision.Abort.class,
                        RolloutState.ABORTING),
                Arguments.of(
                        "paused at the limit: abort",
                        RolloutState.PAUSED,
                        7,
                        Decision.Abort.class,
                        RolloutState.ABORTING),
                Arguments.of(
                        "promoting at the limit: abort",
                        RolloutState.PROMOTING,
                        5,
                        Decision.Abort.class,
                        RolloutState.ABORTING),
                Arguments.of("a rollback is never given up", RolloutState.ABORTING, 500, null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void repeatedFailuresAreRetriedThenAbortedOrFailedButARollbackIsNeverAbandoned(
            String name, RolloutState state, int failures, Class<?> decision, RolloutState after) {
        var result = Failures.after(rollout(state, 1), failures, 5, "gateway: connection refused");
        if (decision == null) {
            assertThat(result).isEmpty();
            return;
        }
        assertThat(result).get().isInstanceOf(decision);
        assertThat(result.get().reason()).contains("connection refused", failures + " attempts");
        assertThat(Transitions.after(rollout(state, 1), result.get(), at(1)).state())
                .isEqualTo(after);
    }
}
