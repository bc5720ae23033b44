package dev.runway.gateway.shadow.diff;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.gateway.shadow.diff.NoiseCancellation.Verdict;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NoiseCancellationTest {

    static Stream<Arguments> verdicts() {
        return Stream.of(
                Arguments.of("timestamp differs everywhere", 1000, 1000, 1000, 1000, Verdict.NOISE),
                Arguments.of("timestamp, primaries collide sometimes", 1000, 1000, 1000, 980, Verdict.NOISE),
                Arguments.of("candidate changed the field", 1000, 1000, 1000, 0, Verdict.REGRESSION),
                Arguments.of("excess is 10 % of the rate", 1000, 1000, 500, 450, Verdict.NOISE),
                Arguments.of("excess is 40 % of the rate", 1000, 1000, 500, 300, Verdict.REGRESSION),
                Arguments.of("one in a million is below the absolute gap", 1_000_000, 1_000_000, 1, 0, Verdict.NOISE),
                Arguments.of("no second primary: every difference counts", 1000, 0, 3, 0, Verdict.REGRESSION),
                Arguments.of("no difference", 1000, 1000, 0, 500, Verdict.NOISE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("verdicts")
    void classifies(
            String name, long comparisons, long noiseComparisons, long differences, long noise, Verdict verdict) {
        assertThat(NoiseCancellation.classify(comparisons, noiseComparisons, differences, noise))
                .isEqualTo(verdict);
    }

    @Test
    void theTallyCountsEachPathOncePerComparisonKeepsFewSamplesAndDrainsToZero() {
        DiffTally tally = new DiffTally();
        for (int i = 0; i < 5; i++) {
            tally.record(
                    List.of(new FieldDiff("version", "v1", "v2"), new FieldDiff("servedAt", "t" + i, "u" + i)),
                    List.of(new FieldDiff("servedAt", "t" + i, "w" + i)));
        }
        tally.recordFailure();
        DiffTally.Delta delta = tally.drain();
        assertThat(delta.comparisons()).isEqualTo(5);
        assertThat(delta.noiseComparisons()).isEqualTo(5);
        assertThat(delta.failures()).isEqualTo(1);
        assertThat(delta.paths())
                .extracting(DiffTally.PathDelta::path, DiffTally.PathDelta::differences, DiffTally.PathDelta::noise)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("version", 5L, 0L),
                        org.assertj.core.groups.Tuple.tuple("servedAt", 5L, 5L));
        assertThat(delta.paths().getFirst().samples()).hasSize(DiffTally.MAX_SAMPLES);
        assertThat(tally.drain().isEmpty()).isTrue();
    }

    @Test
    void aFloodOfDistinctPathsIsBounded() {
        DiffTally tally = new DiffTally();
        for (int i = 0; i < DiffTally.MAX_PATHS + 50; i++) {
            tally.record(List.of(new FieldDiff("f" + i, "a", "b")), null);
        }
        var paths = tally.drain().paths();
        assertThat(paths).hasSize(DiffTally.MAX_PATHS + 1);
        assertThat(paths.getLast().path()).isEqualTo(DiffTally.OTHER);
        assertThat(paths.getLast().differences()).isEqualTo(50);
    }
}
