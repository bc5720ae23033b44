package dev.runway.judge.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runway.judge.LatencyHistogram;
import dev.runway.judge.Observation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficSimulatorTest {

    private static final TrafficProfile PROFILE = TrafficProfile.benchmark();
    private static final TrafficSimulator SIMULATOR = new TrafficSimulator(PROFILE);

    private record Totals(
            long canary,
            long canaryErrors,
            long baseline,
            long baselineErrors,
            LatencyHistogram canaryLatency,
            LatencyHistogram baselineLatency) {}

    private static Totals totals(Scenario scenario, int runs) {
        long c = 0, ce = 0, b = 0, be = 0;
        LatencyHistogram cl = LatencyHistogram.empty(PROFILE.boundsMs());
        LatencyHistogram bl = cl;
        for (int run = 0; run < runs; run++) {
            for (Observation o : SIMULATOR.simulate(scenario, 1000 + run)) {
                c += o.canary().requests();
                ce += o.canary().errors();
                b += o.baseline().requests();
                be += o.baseline().errors();
                cl = cl.plus(o.canary().latency());
                bl = bl.plus(o.baseline().latency());
            }
        }
        return new Totals(c, ce, b, be, cl, bl);
    }

    @Test
    void aStepHasOneBucketPerFiveSecondsWithSharedBounds() {
        List<Observation> step = SIMULATOR.simulate(Scenario.identical(PROFILE), 1);

        assertThat(step).hasSize(120);
        assertThat(Duration.between(step.getFirst().start(), step.getLast().end()))
                .isEqualTo(Duration.ofMinutes(10));
        assertThat(step).allSatisfy(o -> assertThat(
                        o.canary().latency().hasSameBounds(o.baseline().latency()))
                .isTrue());
    }

    @Test
    void theSameSeedGivesTheSameStream() {
        assertThat(SIMULATOR.simulate(Scenario.identical(PROFILE), 42))
                .isEqualTo(SIMULATOR.simulate(Scenario.identical(PROFILE), 42));
    }

    @Test
    void aaStreamsHaveEqualRatesAndTheConfiguredSplit() {
        Totals t = totals(Scenario.identical(PROFILE), 5);

        double canaryShare = (double) t.canary() / (t.canary() + t.baseline());
        assertThat(canaryShare).isCloseTo(0.05, within(0.002));
        assertThat((t.canary() + t.baseline()) / (5 * 600.0)).isCloseTo(200, within(2.0));
        // Error rates agree within sampling error: canary has ~15 000 requests, sd of its rate ≈ 0.06 %.
        assertThat((double) t.canaryErrors() / t.canary()).isCloseTo(0.005, within(0.002));
        assertThat((double) t.baselineErrors() / t.baseline()).isCloseTo(0.005, within(0.0005));
        assertThat(t.canaryLatency().quantileMs(0.5))
                .isCloseTo(t.baselineLatency().quantileMs(0.5), within(5.0));
        assertThat(t.canaryLatency().quantileMs(0.9))
                .isCloseTo(t.baselineLatency().quantileMs(0.9), within(15.0));
    }

    @Test
    void widerSpreadKeepsTheMedianAndRaisesTheTail() {
        Totals t = totals(Scenario.widerSpread(PROFILE, 1.4), 3);

        assertThat(t.canaryLatency().quantileMs(0.5))
                .isCloseTo(t.baselineLatency().quantileMs(0.5), within(5.0));
        assertThat(t.canaryLatency().quantileMs(0.99) / t.baselineLatency().quantileMs(0.99))
                .isCloseTo(1.4, within(0.15));
    }

    @Test
    void slowerScalesEveryQuantile() {
        Totals t = totals(Scenario.slower(PROFILE, 1.4), 3);

        assertThat(t.canaryLatency().quantileMs(0.5) / t.baselineLatency().quantileMs(0.5))
                .isCloseTo(1.4, within(0.1));
        assertThat(t.canaryLatency().quantileMs(0.99) / t.baselineLatency().quantileMs(0.99))
                .isCloseTo(1.4, within(0.15));
    }

    @Test
    void errorScenarioRaisesOnlyTheCanaryRate() {
        Totals t = totals(Scenario.errors(PROFILE, 0.02), 3);

        assertThat((double) t.canaryErrors() / t.canary()).isCloseTo(0.02, within(0.004));
        assertThat((double) t.baselineErrors() / t.baseline()).isCloseTo(0.005, within(0.001));
    }
}
