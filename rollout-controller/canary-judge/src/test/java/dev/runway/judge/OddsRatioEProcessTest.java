package dev.runway.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OddsRatioEProcessTest {

    @Test
    void oneEventOnTheCanaryMatchesTheWorkedExample() {
        var test = new OddsRatioEProcess(1.0);

        test.add(1, 1, 1, 0);

        // With n = m = 1 and one event, P_psi(canary) = psi / (1 + psi); E = mean over the grid of the ratios.
        double expected = 0;
        for (int k = 1; k <= 10; k++) {
            double psi = Math.pow(2, k / 2.0);
            expected += (psi / (1 + psi)) / 0.5 / 10;
        }
        assertThat(Math.exp(test.logEValue())).isCloseTo(expected, within(1e-9));
    }

    @Test
    void bucketsWithoutEventsCarryNoEvidence() {
        var test = new OddsRatioEProcess(1.25);

        for (int i = 0; i < 100; i++) {
            test.add(50, 0, 950, 0);
        }

        assertThat(test.logEValue()).isZero();
        assertThat(test.logNotWorseEValue()).isZero();
        assertThat(test.mantelHaenszelOddsRatio()).isNull();
    }

    @Test
    void growsOnAClearRegressionAndShrinksOnAnImprovement() {
        var worse = new OddsRatioEProcess(1.25);
        var better = new OddsRatioEProcess(1.25);

        for (int i = 0; i < 60; i++) {
            worse.add(100, 5, 100, 1);
            better.add(100, 0, 100, 3);
        }

        assertThat(worse.logEValue()).isGreaterThan(Math.log(1e6));
        assertThat(worse.mantelHaenszelOddsRatio()).isGreaterThan(4);
        assertThat(better.logEValue()).isLessThan(0);
        assertThat(better.logNotWorseEValue()).isGreaterThan(Math.log(1e6));
    }

    @Test
    void falseAlarmRateUnderContinuousMonitoringStaysBelowAlpha() {
        // A/A at the null's boundary (psi0 = 1, equal rates), the e-value read after every bucket:
        // Ville's inequality says the share of runs that ever reach 1/alpha is at most alpha.
        double alpha = 0.1;
        int runs = 1000;
        var random = new SplittableRandom(20250101);
        int alarms = 0;
        for (int run = 0; run < runs; run++) {
            var test = new OddsRatioEProcess(1.0);
            for (int bucket = 0; bucket < 60; bucket++) {
                test.add(50, Buckets.binomial(random, 50, 0.02), 450, Buckets.binomial(random, 450, 0.02));
                if (test.logEValue() >= Math.log(1 / alpha)) {
                    alarms++;
                    break;
                }
            }
        }

        // Tolerance: three binomial standard errors at alpha over 1000 runs.
        assertThat((double) alarms / runs).isLessThanOrEqualTo(alpha + 3 * Math.sqrt(alpha * (1 - alpha) / runs));
    }
}
