package dev.runway.judge.peers;

import static dev.runway.judge.peers.PeerFixtures.buckets;
import static dev.runway.judge.peers.PeerFixtures.secondsToRollback;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FlaggerIntervalCheckTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("threshold 5 rolls back after five failed 1-minute checks", 5, 50L, 5L, 300.0),
                Arguments.of("threshold 10 (docs example) takes ten minutes", 10, 50L, 5L, 600.0),
                Arguments.of("no values found counts as a failed check", 5, 0L, 0L, 300.0),
                Arguments.of("healthy canary is never rolled back", 5, 50L, 0L, Double.POSITIVE_INFINITY));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rollsBackAfterThresholdFailedChecks(
            String name, int threshold, long requests, long errors, double expectedSeconds) {
        var settings = new FlaggerIntervalCheck.Settings(Duration.ofMinutes(1), threshold, 99.0, 500);

        assertThat(secondsToRollback(new FlaggerIntervalCheck(settings), buckets(120, requests, errors, false)))
                .isEqualTo(expectedSeconds);
    }
}
