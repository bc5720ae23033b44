package dev.runway.judge.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void hodgesLehmannShiftIsTheMedianPairwiseDifference() {
        double[] experiment = {3, 5, 7};
        double[] control = {1, 2};
        // Differences: 2, 1, 4, 3, 6, 5 -> sorted 1..6, median 3.5.

        var result = MannWhitney.compare(experiment, control, 0.98);

        assertThat(result.shift()).isCloseTo(3.5, within(1e-12));
        assertThat(result.lower()).isLessThanOrEqualTo(result.shift());
        assertThat(result.upper()).isGreaterThanOrEqualTo(result.shift());
    }

    @Test
    void intervalTightensAroundATrueShiftWithMoreData() {
        double[] control = new double[40];
        double[] experiment = new double[40];
        for (int i = 0; i < 40; i++) {
            control[i] = i;
            experiment[i] = i + 10;
        }

        var result = MannWhitney.compare(experiment, control, 0.98);

        assertThat(result.shift()).isCloseTo(10, within(1e-12));
        assertThat(result.lower()).isGreaterThan(0);
        assertThat(result.pValue()).isLessThan(0.02);
    }
}
