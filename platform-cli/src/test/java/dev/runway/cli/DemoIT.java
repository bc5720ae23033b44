package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command end to end, as a user runs it: the real CLI in its own JVM starts the platform, the
 * demo routes the pricing service, "CI" deploys a v2 that fails 5 % of its requests, and the canary analysis
 * rolls it back while traffic flows.
 */
class DemoIT {
    static final int OFFSET = 2000;

    @TempDir
    static Path state;

    @BeforeAll
    static void requireJars() {
        assertThat(Path.of("..", "platform-api", "target")).isDirectory();
        assertThat(Path.of("..", "deploy", "demo-workload", "target")).isDirectory();
    }

    @Test
    void givenAFreshPlatformWhenTheDemoRunsTwiceThenEachTimeTheBadReleaseIsRolledBackByTheCanaryAnalysis()
            throws Exception {
        // given a fresh state folder, when the demo runs
        String first = demo();
        // then the analysis, not a timeout or a person, ends the rollout, naming the metric and the figures
        assertRolledBackByTheAnalysis(first);
        assertThat(first).contains("static upstreams, routed by the gateway");

        // when it runs again on the same state, it finds the service it registered and shows the same
        String second = demo();
        assertRolledBackByTheAnalysis(second);
        assertThat(second).contains("registered by an earlier demo run");
    }

    private static void assertRolledBackByTheAnalysis(String output) {
        assertThat(output)
                // v2 fails 5 % of requests; a v2 JVM still cold is also slower, so latency may be the metric that
                // fails first: either way the analysis decided, with its figures
                .contains("state                ROLLED_BACK", "critical metric failed: ", "e-value reached")
                .contains("Runway stopped.")
                .doesNotContain("the first evaluation since the slo-engine started has not finished");
    }

    private static String demo() throws Exception {
        Path log = Files.createTempFile("platform-demo", ".log");
        Process demo = PlatformLifecycleIT.PlatformRun.cli(state, OFFSET, "demo", "--exit")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            assertThat(demo.waitFor(12, TimeUnit.MINUTES)).as("the demo ends").isTrue();
        } finally {
            if (demo.isAlive()) {
                demo.destroy();
            }
        }
        String output = Files.readString(log);
        assertThat(demo.exitValue()).as(output).isZero();
        return output;
    }
}
