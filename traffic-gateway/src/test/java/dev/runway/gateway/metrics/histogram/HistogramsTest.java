package dev.runway.gateway.metrics.histogram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HistogramsTest {
    static final double[] SMALL = {50, 100, 200};

    static Stream<Arguments> quantiles() {
        long[] example = {1, 2, 1, 1};
        return Stream.of(
                Arguments.of(example, 0.5, 87.5),
                Arguments.of(example, 0.2, 50.0),
                Arguments.of(example, 0.1, 25.0),
                Arguments.of(example, 0.7, 150.0),
                Arguments.of(example, 0.99, 200.0),
                Arguments.of(new long[] {0, 0, 4, 0}, 0.5, 150.0));
    }

    @ParameterizedTest(name = "q{1} -> {2}")
    @MethodSource("quantiles")
    void interpolatesInsideTheBucketLikePrometheus(long[] counts, double q, double expected) {
        assertThat(Histograms.quantileMs(SMALL, counts, q)).isCloseTo(expected, within(1e-9));
    }

    @Test
    void anEmptyHistogramHasNoQuantile() {
        assertThat(Histograms.quantileMs(SMALL, new long[4], 0.5)).isNaN();
    }

    static Stream<Arguments> buckets() {
        return Stream.of(
                Arguments.of(0L, 0),
                Arguments.of(1_000_000L, 0),
                Arguments.of(1_000_001L, 1),
                Arguments.of(4_200_000L, 3),
                Arguments.of(5_000_000L, 3),
                Arguments.of(10_000_000_000L, 39),
                Arguments.of(10_000_000_001L, 40));
    }

    @ParameterizedTest(name = "{0} ns -> bucket {1}")
    @MethodSource("buckets")
    void aLatencyLandsInTheFirstBucketWhoseBoundIsAtOrAboveIt(long nanos, int bucket) {
        assertThat(LatencyBounds.bucketOfNanos(nanos)).isEqualTo(bucket);
    }

    @Test
    void theBoundsAreTheCanaryJudgesDefaults() {
        // Copied from dev.runway.judge.LatencyHistogram.DEFAULT_BOUNDS_MS; the judge rejects any other bounds.
        assertThat(LatencyBounds.boundsMs())
                .containsExactly(
                        1, 2, 3, 5, 7, 10, 12, 15, 18, 22, 27, 33, 40, 48, 58, 70, 84, 100, 120, 145, 175, 210, 250,
                        300, 360, 430, 520, 620, 750, 900, 1100, 1300, 1600, 2000, 2500, 3000, 4000, 5000, 7500, 10000);
        assertThat(LatencyBounds.BUCKETS).isEqualTo(41);
    }

    @Test
    void addsBucketByBucketAndRefusesMismatchedShapes() {
        long[] into = {1, 2, 3};
        Histograms.addInto(into, new long[] {10, 20, 30});
        assertThat(into).containsExactly(11, 22, 33);
        assertThatThrownBy(() -> Histograms.addInto(into, new long[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSummaryNeverDividesByZero() {
        VersionSummary empty = VersionSummary.of(0, 0, new long[LatencyBounds.BUCKETS]);
        assertThat(empty.errorRatio()).isZero();
        assertThat(empty.latencyMs()).isEmpty();
        long[] counts = new long[LatencyBounds.BUCKETS];
        counts[5] = 90;
        counts[17] = 10;
        VersionSummary some = VersionSummary.of(100, 5, counts);
        assertThat(some.errorRatio()).isEqualTo(0.05);
        assertThat(some.latencyMs()).containsKeys("p50", "p90", "p95", "p99");
        assertThat(some.latencyMs().get("p99")).isGreaterThan(84).isLessThanOrEqualTo(100);
    }
}
