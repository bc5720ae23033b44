package dev.runway.judge.peers;

import static dev.runway.judge.peers.PeerFixtures.buckets;
import static dev.runway.judge.peers.PeerFixtures.secondsToRollback;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ArgoThresholdGateTest {

    static Stream<Arguments> cases() {
        // 10-minute step of 5 s buckets, interval 1 min; detection at (failureLimit + 1) × interval.
        return Stream.of(
                Arguments.of("failureLimit 0 aborts on the first failed measurement", 0, 5L, false, 60.0),
                Arguments.of("failureLimit 2 aborts on the third", 2, 5L, false, 180.0),
                Arguments.of("p99 over its threshold fails the same way", 0, 0L, true, 60.0),
                Arguments.of("within the thresholds never aborts", 0, 0L, false, Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void abortsAfterFailureLimitPlusOneFailedMeasurements(
            String name, int failureLimit, long errorsPerBucket, boolean slow, double expectedSeconds) {
        var settings = new ArgoThresholdGate.Settings(Duration.ofMinutes(1), Duration.ZERO, failureLimit, 4, 0.01, 250);

        assertThat(secondsToRollback(new ArgoThresholdGate(settings), buckets(120, 50, errorsPerBucket, slow)))
                .isEqualTo(expectedSeconds);
    }

    @Test
    void windowsWithoutCanaryDataAreMeasurementErrorsThatAbortPastTheConsecutiveErrorLimit() {
        var settings = ArgoThresholdGate.Settings.defaults(Duration.ofMinutes(1), 0.01, 250);

        // consecutiveErrorLimit 4: the fifth empty measurement in a row errors the run.
        assertThat(secondsToRollback(new ArgoThresholdGate(settings), buckets(120, 0, 0, false)))
                .isEqualTo(300.0);
    }

    @Test
    void comparesNothingToTheBaseline() {
        // Canary at 0.8 % errors while the baseline runs at 0.1 %: 8× worse, but under the fixed 1 %.
        var settings = ArgoThresholdGate.Settings.defaults(Duration.ofMinutes(1), 0.01, 250);

        assertThat(secondsToRollback(new ArgoThresholdGate(settings), buckets(120, 125, 1, false)))
                .isInfinite();
    }
}
