package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.testkit.ServiceClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end, as a user runs it: the real CLI in its own JVM starts an embedded PostgreSQL and
 * the six services' jars, stops them all, and finds its data again on the next start.
 */
class PlatformLifecycleIT {
    static final int OFFSET = 1000;

    @TempDir
    static Path state;

    static PlatformRun run;

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        if (run != null) {
            run.down();
        }
    }

    @BeforeAll
    static void requireJars() {
        assertThat(Path.of("..", "platform-api", "target")).isDirectory();
    }

    @Test
    void givenAFreshStateWhenUpThenDownThenUpThenAllSixAreHealthyNothingIsLeftRunningAndTheDataSurvives()
            throws Exception {
        // given a fresh state folder; when the platform starts
        run = PlatformRun.up(state, OFFSET);
        Map<String, String> urls = run.urls();
        assertThat(urls.keySet())
                .contains(
                        "platform-api",
                        "flag-service",
                        "rollout-controller",
                        "slo-engine",
                        "chaos-service",
                        "traffic-gateway");
        assertThat(run.output()).contains("Runway is up in");
        for (var entry : urls.entrySet()) {
            if (!entry.getKey().equals("gateway-traffic")) {
                assertThat(ServiceClient.at(entry.getValue(), null)
                                .get("/actuator/health")
                                .body())
                        .as(entry.getKey())
                        .contains("\"status\":\"UP\"");
            }
        }
        // and a row is written through a service
        var api = ServiceClient.at(urls.get("platform-api"), run.internalToken());
        assertThat(api.post("/api/v1/teams", "{\"name\": \"survivors\"}").status())
                .isEqualTo(201);

        // when it is stopped
        List<ProcessHandle> started = run.processes();
        assertThat(started).hasSizeGreaterThanOrEqualTo(8);
        run.down();
        // then no process of the platform is left
        assertThat(started).noneMatch(ProcessHandle::isAlive);
        assertThat(DownCommand.postmaster(state.resolve("pgdata")).filter(ProcessHandle::isAlive))
                .isEmpty();

        // when it starts again, then the row written before the restart is read after it
        run = PlatformRun.up(state, OFFSET);
        var again = ServiceClient.at(run.urls().get("platform-api"), run.internalToken());
        assertThat(again.get("/api/v1/teams/survivors").status()).isEqualTo(200);
        assertThat(run.output()).contains("existing data");
        run.down();
        run = null;
    }

    /** One run of the CLI as a child JVM, with its own state folder and shifted ports. */
    record PlatformRun(Process process, Path state, Path log) {
        static PlatformRun up(Path state, int offset) throws Exception {
            Path output = Files.createTempFile("platform-up", ".log");
            ProcessBuilder builder =
                    cli(state, offset, "up").redirectErrorStream(true).redirectOutput(output.toFile());
            Process process = builder.start();
            PlatformRun run = new PlatformRun(process, state, output);
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!run.output().contains("Runway is up in")) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new AssertionError("the platform did not come up:\n" + run.output());
                }
                Thread.sleep(500);
            }
            return run;
        }

        static ProcessBuilder cli(Path state, int offset, String... args) {
            List<String> command = new java.util.ArrayList<>(List.of(
                    ServiceProcesses.javaBinary(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    PlatformCli.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment()
                    .put(
                            "PLATFORM_HOME",
                            Path.of("..").toAbsolutePath().normalize().toString());
            builder.environment().put("PLATFORM_STATE_DIR", state.toString());
            builder.environment().put("PLATFORM_PORT_OFFSET", String.valueOf(offset));
            builder.environment().remove("PLATFORM_DB_URL");
            return builder;
        }

        String output() throws IOException {
            return Files.readString(log);
        }

        Properties runFile() throws IOException {
            return new RunFile(state.resolve("run.properties")).read().orElseThrow();
        }

        Map<String, String> urls() throws IOException {
            return RunFile.withPrefix(runFile(), "url.");
        }

        List<ProcessHandle> processes() throws IOException {
            var pids = new java.util.ArrayList<ProcessHandle>();
            ProcessHandle.of(process.pid()).ifPresent(pids::add);
            RunFile.withPrefix(runFile(), "pid.").values().forEach(pid -> ProcessHandle.of(Long.parseLong(pid))
                    .ifPresent(pids::add));
            DownCommand.postmaster(state.resolve("pgdata")).ifPresent(pids::add);
            return pids;
        }

        String internalToken() throws IOException {
            return Files.readString(state.resolve("internal-token")).strip();
        }

        void down() throws Exception {
            Process down = cli(state, OFFSET, "down").inheritIO().start();
            assertThat(down.waitFor(90, TimeUnit.SECONDS)).isTrue();
            assertThat(down.exitValue()).isZero();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
