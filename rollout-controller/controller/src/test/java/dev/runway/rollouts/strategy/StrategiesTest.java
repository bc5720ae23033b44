package dev.runway.rollouts.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    private static final StrategyTiming TIMING = new StrategyTiming(Duration.ofMinutes(5), Duration.ofMinutes(10));

    @Test
    void defaultStrategyGoesRingZeroThenOneFiveTwentyFiveFiftyHundredEachWithBakeAndAnalysis() {
        Strategy s = Strategies.forPosture(Posture.NORMAL, TIMING);
        assertThat(weights(s)).containsExactly(1, 5, 25, 50, 100);
        assertThat(s.step(0)).isEqualTo(new Step.SetAudience(0));
        for (int i = 0; i < s.size(); i++) {
            if (s.step(i) instanceof Step.SetWeight || s.step(i) instanceof Step.SetAudience) {
                assertThat(s.step(i + 1)).isEqualTo(new Step.Bake(Duration.ofMinutes(5)));
                boolean fullTraffic = s.step(i) instanceof Step.SetWeight w && w.percent() == 100;
                if (!fullTraffic) {
                    assertThat(s.step(i + 2)).isEqualTo(new Step.Analyze(Duration.ofMinutes(10)));
                }
            }
        }
        assertThat(s.steps().getLast()).isEqualTo(new Step.Bake(Duration.ofMinutes(5)));
    }

    @Test
    void tightenUsesSmallerStepsAndLongerBakes() {
        Strategy normal = Strategies.forPosture(Posture.NORMAL, TIMING);
        Strategy tighten = Strategies.forPosture(Posture.TIGHTEN, TIMING);
        assertThat(weights(tighten)).containsExactly(1, 2, 5, 10, 25, 50, 100);
        assertThat(bakes(tighten)).allMatch(d -> d.equals(Duration.ofMinutes(10)));
        assertThat(tighten.size()).isGreaterThan(normal.size());
    }

    @Test
    void aggressiveUsesFewerSteps() {
        assertThat(weights(Strategies.forPosture(Posture.AGGRESSIVE, TIMING))).containsExactly(5, 25, 100);
    }

    @Test
    void everyBuiltInStrategyPassesItsOwnValidation() {
        for (Posture p : Posture.values()) {
            Strategy s = Strategies.forPosture(p, TIMING);
            var parsed = StrategyParser.parse(
                    s.name(), s.steps().stream().map(StepSpec::of).toList(), "strategy");
            assertThat(parsed.violations()).as(p.name()).isEmpty();
            assertThat(parsed.strategy()).isEqualTo(s);
        }
    }

    private static List<Integer> weights(Strategy s) {
        return s.steps().stream()
                .filter(Step.SetWeight.class::isInstance)
                .map(st -> ((Step.SetWeight) st).percent())
                .toList();
    }

    private static List<Duration> bakes(Strategy s) {
        return s.steps().stream()
                .filter(Step.Bake.class::isInstance)
                .map(st -> ((Step.Bake) st).duration())
                .toList();
    }
}
