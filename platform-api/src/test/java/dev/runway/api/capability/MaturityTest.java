package dev.runway.api.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MaturityTest {
    /** metrics, flags, canaries, analysis, auto-rollback, game days, budget policy, continuous chaos. */
    static Maturity.Observations seen(String bits) {
        boolean[] b = new boolean[8];
        for (int i = 0; i < 8; i++) {
            b[i] = bits.charAt(i) == '1';
        }
        return new Maturity.Observations(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]);
    }

    static Stream<Arguments> ladder() {
        return Stream.of(
                Arguments.of("nothing observed", "00000000", 0, "request metrics tagged by version"),
                Arguments.of("version-tagged metrics only", "10000000", 1, "a feature flag"),
                Arguments.of("canaries without flags stay at L1", "10100000", 1, "a feature flag"),
                Arguments.of("flags and canaries", "11100000", 2, "automated analysis"),
                Arguments.of("analysis without automatic rollback", "11110000", 2, "automatic rollback"),
                Arguments.of("automated analysis and rollback", "11111000", 3, "a chaos game day"),
                Arguments.of("game days without a budget policy", "11111100", 3, "error-budget policy"),
                Arguments.of("game days and a budget policy", "11111110", 4, "continuously scheduled chaos"),
                Arguments.of("everything", "11111111", 5, null),
                Arguments.of("chaos without the rungs below counts for nothing", "00000111", 0, "metrics"));
    }

    @ParameterizedTest(name = "{0} -> L{2}")
    @MethodSource("ladder")
    void aServiceReachesTheHighestRungWhoseRungsBelowAllHold(String name, String bits, int level, String nextNeeds) {
        Maturity.Rung rung = Maturity.of(seen(bits));
        assertThat(rung.level()).isEqualTo(level);
        if (nextNeeds == null) {
            assertThat(rung.missingForNext()).isEmpty();
        } else {
            assertThat(String.join("; ", rung.missingForNext())).contains(nextNeeds);
        }
    }
}
