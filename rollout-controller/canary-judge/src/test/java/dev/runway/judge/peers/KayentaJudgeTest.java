package dev.runway.judge.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KayentaJudgeTest {

    private static final KayentaJudge.Settings DEFAULTS = KayentaJudge.Settings.defaults(Duration.ofMinutes(1));

    @Test
    void passesAPureVarianceIncreaseAtEqualMedian() {
        // Same centre (100), canary spread three times wider: a rank test on location sees no shift.
        double[] baseline = new double[60];
        double[] canary = new double[60];
        for (int i = 0; i < 60; i++) {
            double offset = (i - 29.5) / 29.5;
            baseline[i] = 100 + 10 * offset;
            canary[i] = 100 + 30 * offset;
        }

        var result = KayentaJudge.classify(canary, baseline, DEFAULTS);

        assertThat(result.label()).isEqualTo(KayentaJudge.Label.PASS);
        assertThat(result.shift()).isCloseTo(0, within(1e-9));
    }

    @Test
    void flagsAClearShift() {
        var random = new SplittableRandom(1);
        double[] baseline = random.doubles(60, 90, 110).toArray();
        double[] canary = Arrays.stream(random.doubles(60, 90, 110).toArray())
                .map(v -> v + 40)
                .toArray();

        var result = KayentaJudge.classify(canary, baseline, DEFAULTS);

        assertThat(result.label()).isEqualTo(KayentaJudge.Label.HIGH);
        assertThat(result.meanRatio()).isGreaterThan(1.3);
    }

    @Test
    void passesSevenOfTenCanarySamplesAtHundredTimesTheControl() {
        double[] control = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] canary = {100, 100, 100, 100, 100, 100, 100, 1, 1, 1};

        var result = KayentaJudge.classify(canary, control, DEFAULTS);

        // The 98 % interval's lower end is a zero difference, below 0.25 × the 99 shift.
        assertThat(result.shift()).isEqualTo(99);
        assertThat(result.lower()).isZero();
        assertThat(result.label()).isEqualTo(KayentaJudge.Label.PASS);
    }

    @Test
    void passesSparseErrorCountsThatAreMostlyZeros() {
        // Per-bucket error ratios: canary errors in 3 of 20 buckets at 2 %, baseline in 1 of 20 at 0.1 %:
        // 30× the error rate, yet the zeros dominate both ranks.
        double[] canary = new double[20];
        double[] baseline = new double[20];
        canary[2] = canary[9] = canary[15] = 0.02;
        baseline[7] = 0.001;

        assertThat(KayentaJudge.classify(canary, baseline, DEFAULTS).label()).isEqualTo(KayentaJudge.Label.PASS);
    }

    @Test
    void scoresBelowMarginalRollBack() {
        // Canary slower on every bucket: both latency metrics HIGH, error ratio identical: score 33 < 75.
        var judge = new KayentaJudge(DEFAULTS);

        double seconds = PeerFixtures.secondsToRollback(judge, PeerFixtures.buckets(24, 50, 0, true));

        assertThat(seconds).isEqualTo(60.0);
        assertThat(judge.reason()).contains("score 33");
    }
}
