package dev.runway.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private static final double[] BOUNDS = {50, 100, 200};

    @Test
    void binsLatenciesIntoUpperBoundBucketsWithOverflow() {
        var h = LatencyHistogram.of(BOUNDS, 30, 70, 90, 150, 900, 100);

        assertThat(h.counts()).containsExactly(1, 3, 1, 1);
        assertThat(h.total()).isEqualTo(6);
        assertThat(h.countAbove(1)).isEqualTo(2);
    }

    @Test
    void quantileBoundIsTheFirstBoundReachingTheShare() {
        var h = new LatencyHistogram(BOUNDS, new long[] {1, 2, 1, 1});

        assertThat(h.quantileBoundIndex(0.5)).isEqualTo(1);
        assertThat(h.quantileBoundIndex(0.2)).isEqualTo(0);
        assertThat(h.quantileBoundIndex(0.99))
                .as("p99 lies in the overflow bucket")
                .isEqualTo(-1);
    }

    @Test
    void quantileInterpolatesInsideTheBucketLikeHistogramQuantile() {
        var h = new LatencyHistogram(BOUNDS, new long[] {1, 2, 1, 1});

        // rank 2.5 of 5: one request below 50 ms, then 1.5 of the 2 in (50, 100].
        assertThat(h.quantileMs(0.5)).isCloseTo(50 + 50 * 1.5 / 2, within(1e-9));
        assertThat(LatencyHistogram.empty(BOUNDS).quantileMs(0.5)).isNaN();
    }

    @Test
    void equalityIsByContentAndAccessorsReturnCopies() {
        var a = new LatencyHistogram(BOUNDS, new long[] {1, 2, 3, 4});
        var b = new LatencyHistogram(BOUNDS.clone(), new long[] {1, 2, 3, 4});
        a.counts()[0] = 99;

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.count(0)).isEqualTo(1);
    }

    @Test
    void rejectsMismatchedBoundsAndMalformedInput() {
        var a = LatencyHistogram.empty(BOUNDS);
        var b = LatencyHistogram.empty(new double[] {50, 100, 250});

        assertThatThrownBy(() -> a.plus(b)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram(BOUNDS, new long[] {1, 2, 3}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyHistogram(new double[] {100, 50}, new long[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
